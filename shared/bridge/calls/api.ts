import { z } from 'zod';
import {
  DataLayerConfig,
  DefaultMappings,
  IntegrationBody,
  IntegrationResource,
  LogsPage,
  LOGS_MAX_LIMIT,
  ProviderKey,
  ScenarioList,
  ScenarioName,
  SiteHealth,
  TestResult,
  Webhook,
  WebhookBody,
} from '../../contract';
import { call } from '../define';
import { LocalId, SiteId } from '../ids';

/** Every API call names the connection and the site; `requestId` lets the renderer cancel it. */
const Target = z.object({
  connectionId: LocalId,
  siteId: SiteId,
  requestId: z.string().max(64).optional(),
});
/** A path segment the server gave us (webhook ids); closed charset so it cannot escape the path. */
export const RemoteId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'not a valid id');

/** The API's quota as its last answer announced it (X-RateLimit-* headers), when it does. */
export const RateLimitInfo = z.object({
  limit: z.number().int().positive(),
  remaining: z.number().int().nonnegative(),
  resetAt: z.string().optional(),
});
export type RateLimitInfo = z.infer<typeof RateLimitInfo>;

/**
 * A read: the data, its ETag, when it was fetched, and whether it comes from the offline cache
 * because the API could not be reached (`stale`, with the error that made it stale).
 */
export function fetched<T extends z.ZodType>(data: T) {
  return z.object({
    data,
    etag: z.string().optional(),
    fetchedAt: z.string(),
    stale: z.boolean(),
    staleReason: z.string().optional(),
    rateLimit: RateLimitInfo.optional(),
  });
}
export type Fetched<T> = {
  data: T;
  etag?: string;
  fetchedAt: string;
  stale: boolean;
  staleReason?: string;
  rateLimit?: RateLimitInfo;
};

const Written = <T extends z.ZodType>(data: T) => z.object({ data, etag: z.string().optional() });
const Paging = z.object({
  limit: z.number().int().min(1).max(LOGS_MAX_LIMIT).default(50),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  /** Keep this page for offline use (screens: yes; a live tail polling every second: no). */
  offlineCopy: z.boolean().default(true),
});

export const DiagnosticEntry = z.object({
  at: z.string(),
  connectionId: z.string(),
  method: z.string(),
  path: z.string(),
  status: z.number().int().optional(),
  durationMs: z.number(),
  attempts: z.number().int(),
  errorKind: z.string().optional(),
});
export type DiagnosticEntry = z.infer<typeof DiagnosticEntry>;

export const apiCalls = {
  'integrations.list': call(Target, fetched(z.array(IntegrationResource))),
  'integrations.get': call(Target.extend({ provider: ProviderKey }), fetched(IntegrationResource)),
  'integrations.put': call(
    Target.extend({
      provider: ProviderKey,
      body: IntegrationBody,
      ifMatch: z.string().max(256).optional(),
    }),
    Written(IntegrationResource),
  ),
  'integrations.delete': call(
    Target.extend({ provider: ProviderKey }),
    z.object({ deleted: z.boolean() }),
  ),
  'integrations.test': call(Target.extend({ provider: ProviderKey }), TestResult),
  'integrations.logs': call(
    Target.extend({ provider: ProviderKey }).extend(Paging.shape),
    fetched(LogsPage),
  ),
  'integrations.mappings': call(Target.extend({ provider: ProviderKey }), fetched(DefaultMappings)),
  'health.get': call(Target, fetched(SiteHealth)),
  'dataLayer.get': call(Target, fetched(DataLayerConfig)),
  'dataLayer.put': call(
    Target.extend({ body: DataLayerConfig, ifMatch: z.string().max(256).optional() }),
    Written(DataLayerConfig),
  ),
  'webhooks.list': call(Target, fetched(z.array(Webhook))),
  'webhooks.get': call(Target.extend({ webhookId: RemoteId }), fetched(Webhook)),
  'webhooks.create': call(Target.extend({ body: WebhookBody }), Written(Webhook)),
  'webhooks.update': call(
    Target.extend({
      webhookId: RemoteId,
      body: WebhookBody,
      ifMatch: z.string().max(256).optional(),
    }),
    Written(Webhook),
  ),
  'webhooks.delete': call(
    Target.extend({ webhookId: RemoteId }),
    z.object({ deleted: z.boolean() }),
  ),
  'webhooks.test': call(Target.extend({ webhookId: RemoteId }), TestResult),
  'webhooks.logs': call(
    Target.extend({ webhookId: RemoteId }).extend(Paging.shape),
    fetched(LogsPage),
  ),
  'api.cancel': call(
    z.object({ requestId: z.string().max(64) }),
    z.object({ cancelled: z.boolean() }),
  ),
  'diagnostics.list': call(z.object({}), z.array(DiagnosticEntry)),
  'drills.list': call(Target, ScenarioList),
  'drills.start': call(Target.extend({ scenario: ScenarioName }), ScenarioList),
  'drills.clear': call(Target.extend({ scenario: ScenarioName.optional() }), ScenarioList),
};

export const ConnectivityEvent = z.object({
  connectionId: z.string(),
  online: z.boolean(),
  since: z.string(),
  message: z.string().optional(),
});
