import { plainWords } from '../../ui/plain-words';
import {
  WEBHOOK_AUTH_FIELDS,
  WebhookBody,
  type Webhook,
  type WebhookAuthType,
} from '../../../shared/contract';
import type { ErrorIssue } from '../../../shared/bridge';

/** The form as typed: everything text, so half-typed values are representable. */
export interface WebhookFormState {
  name: string;
  url: string;
  events: string;
  authType: WebhookAuthType;
  auth: Record<string, string>;
  maxAttempts: string;
  backoff: 'exponential' | 'fixed';
  initialDelayMs: string;
  active: boolean;
}

export function formFrom(w: Webhook | undefined): WebhookFormState {
  const plain: Record<string, string> = {};
  if (w)
    for (const f of WEBHOOK_AUTH_FIELDS[w.authType].plain) {
      const v = w.authConfig[f];
      plain[f] = typeof v === 'string' ? v : '';
    }
  return {
    name: w?.name ?? '',
    url: w?.url ?? 'https://',
    events: w?.events.join(', ') ?? '',
    authType: w?.authType ?? 'none',
    // Secret boxes start empty: the stored value is write-only and kept unless replaced.
    auth: plain,
    maxAttempts: String(w?.retryPolicy.maxAttempts ?? 3),
    backoff: w?.retryPolicy.backoff ?? 'exponential',
    initialDelayMs: String(w?.retryPolicy.initialDelayMs ?? 5000),
    active: w?.active ?? true,
  };
}

/**
 * The body to send. An empty secret box keeps the stored secret by sending its mask back (the
 * server keeps masked values) when the webhook already has that secret under the same auth type.
 */
export function bodyFrom(
  f: WebhookFormState,
  existing: Webhook | undefined,
): Record<string, unknown> {
  const fields = WEBHOOK_AUTH_FIELDS[f.authType];
  const authConfig: Record<string, unknown> = {};
  for (const name of fields.plain) if (f.auth[name]) authConfig[name] = f.auth[name];
  for (const name of fields.secret) {
    const typed = f.auth[name] ?? '';
    if (typed) authConfig[name] = typed;
    else if (
      existing &&
      existing.authType === f.authType &&
      existing.authConfig[name] !== undefined
    )
      authConfig[name] = existing.authConfig[name];
  }
  return {
    name: f.name,
    url: f.url,
    events: f.events
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
    authType: f.authType,
    authConfig,
    retryPolicy: {
      maxAttempts: Number(f.maxAttempts),
      backoff: f.backoff,
      initialDelayMs: Number(f.initialDelayMs),
    },
    active: f.active,
  };
}

export function validateWebhook(body: Record<string, unknown>): {
  body?: WebhookBody;
  issues: ErrorIssue[];
} {
  const parsed = WebhookBody.safeParse(body, { error: plainWords });
  if (parsed.success) return { body: parsed.data, issues: [] };
  return {
    issues: parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    })),
  };
}
