import { z } from 'zod';
import { EventName } from './events';
import { SecretValue } from './secrets';

export const WebhookAuthType = z.enum(['none', 'bearer', 'basic', 'hmac', 'signature', 'api_key']);
export type WebhookAuthType = z.infer<typeof WebhookAuthType>;

/**
 * authConfig per type (our design; the docs stop short). `hmac` and `signature` both sign with the
 * Standard Webhooks scheme (webhook-id / webhook-timestamp / webhook-signature headers).
 */
export const WEBHOOK_AUTH_FIELDS: Record<
  WebhookAuthType,
  { secret: readonly string[]; plain: readonly string[] }
> = {
  none: { secret: [], plain: [] },
  bearer: { secret: ['token'], plain: [] },
  basic: { secret: ['password'], plain: ['username'] },
  hmac: { secret: ['secret'], plain: [] },
  signature: { secret: ['secret'], plain: [] },
  api_key: { secret: ['key'], plain: ['headerName'] },
};

export const WebhookAuthConfig = z.looseObject({
  token: SecretValue.optional(),
  username: z.string().min(1).max(200).optional(),
  password: SecretValue.optional(),
  secret: SecretValue.optional(),
  headerName: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'a header name has letters, digits and "-" only')
    .optional(),
  key: SecretValue.optional(),
});
export type WebhookAuthConfig = z.infer<typeof WebhookAuthConfig>;

export const WebhookRetryPolicy = z.looseObject({
  maxAttempts: z.number().int().min(1).max(10).default(3),
  backoff: z.enum(['exponential', 'fixed']).default('exponential'),
  initialDelayMs: z.number().int().min(0).max(3_600_000).default(5000),
});
export type WebhookRetryPolicy = z.infer<typeof WebhookRetryPolicy>;

export const WebhookUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'a webhook URL is an absolute http(s) URL, e.g. https://hooks.example.com/selwise');

const webhookFields = {
  name: z.string().trim().min(1, 'name is required').max(120),
  url: WebhookUrl,
  /** Subscribed canonical events; an empty list means every event. */
  events: z.array(EventName).max(100).default([]),
  authType: WebhookAuthType.default('none'),
  authConfig: WebhookAuthConfig.default({}),
  retryPolicy: WebhookRetryPolicy.default({
    maxAttempts: 3,
    backoff: 'exponential',
    initialDelayMs: 5000,
  }),
  active: z.boolean().default(true),
};

function requireAuthFields(
  w: { authType: WebhookAuthType; authConfig: Record<string, unknown> },
  ctx: z.RefinementCtx,
) {
  const need = WEBHOOK_AUTH_FIELDS[w.authType];
  for (const field of [...need.secret, ...need.plain]) {
    if (w.authConfig[field] === undefined || w.authConfig[field] === '')
      ctx.addIssue({
        code: 'custom',
        path: ['authConfig', field],
        message: `authType "${w.authType}" needs authConfig.${field}`,
      });
  }
}

/** POST / PUT body of a webhook (PUT replaces the whole object). */
export const WebhookBody = z.looseObject(webhookFields).superRefine(requireAuthFields);
export type WebhookBody = z.infer<typeof WebhookBody>;

export const Webhook = z.looseObject({
  ...webhookFields,
  id: z.string(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type Webhook = z.infer<typeof Webhook>;

export const WebhookList = z.looseObject({ webhooks: z.array(Webhook) });
export type WebhookList = z.infer<typeof WebhookList>;
