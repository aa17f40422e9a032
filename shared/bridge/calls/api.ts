import { z } from 'zod';
import {
  DataLayerConfig,
  DefaultMappings,
  IntegrationResource,
  LogsPage,
  LOGS_MAX_LIMIT,
  ProviderKey,
  ScenarioList,
  ScenarioName,
  SiteHealth,
  TestResult,
  Webhook,
} from '../../contract';
import { call } from '../define';
import { LocalId, SiteId } from '../ids';

/** Every API call names the connection and the site; `requestId` lets the renderer cancel it. */
const Target = z.object({
  connectionId: LocalId,
  siteId: SiteId,
  requestId: z.string().max(64).optional(),
});
/**
 * What a read is for. `display` (the default for screens): the offline copy may answer, marked
 * `stale`, when the API cannot be reached. `live`: the server's answer or an error, never the
 * cache; main reads `live` for every decision (baseline, drift, health comparison, preview,
 * monitor, rollback).
 */
export const Freshness = z.enum(['display', 'live']);
export type Freshness = z.infer<typeof Freshness>;
const Read = Target.extend({ freshness: Freshness.default('display') });

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

/**
 * Reads, tests and the sandbox's drills. No production write is here: configuration changes go
 * through `changes.*` (docs/architecture.md, "Calls that can write to production").
 */
export const apiCalls = {
  'integrations.list': call(Read, fetched(z.array(IntegrationResource))),
  'integrations.get': call(Read.extend({ provider: ProviderKey }), fetched(IntegrationResource)),
  'integrations.test': call(Target.extend({ provider: ProviderKey }), TestResult),
  'integrations.logs': call(
    Read.extend({ provider: ProviderKey }).extend(Paging.shape),
    fetched(LogsPage),
  ),
  'integrations.mappings': call(Read.extend({ provider: ProviderKey }), fetched(DefaultMappings)),
  'health.get': call(Read, fetched(SiteHealth)),
  'dataLayer.get': call(Read, fetched(DataLayerConfig)),
  'webhooks.list': call(Read, fetched(z.array(Webhook))),
  'webhooks.get': call(Read.extend({ webhookId: RemoteId }), fetched(Webhook)),
  'webhooks.test': call(Target.extend({ webhookId: RemoteId }), TestResult),
  'webhooks.logs': call(
    Read.extend({ webhookId: RemoteId }).extend(Paging.shape),
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
