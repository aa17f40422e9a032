import { z } from 'zod';

/** The sandbox-only drill control under `/__sandbox/` (same auth as the API). */
export const ScenarioName = z.enum([
  'rate_limit_storm',
  'provider_outage',
  'credentials_revoked',
  'filter_suppression',
  'mapping_overwrite',
  'webhook_receiver_down',
  'api_slow',
  'api_flaky',
]);
export type ScenarioName = z.infer<typeof ScenarioName>;

export const Scenario = z.looseObject({
  name: ScenarioName,
  title: z.string(),
  description: z.string(),
  active: z.boolean(),
  startedAt: z.string().nullable().optional(),
  siteId: z.string().nullable().optional(),
});
export type Scenario = z.infer<typeof Scenario>;
export const ScenarioList = z.looseObject({ scenarios: z.array(Scenario) });
export type ScenarioList = z.infer<typeof ScenarioList>;

/**
 * `GET /__sandbox/requests`: what the sandbox's API served since it started (or since the last
 * `DELETE`), so a rehearsal can show how hard a client hits the API and whether it ran into the
 * rate limit. `rateLimited` counts only 429s of the limiter, not those of the `api_flaky` drill.
 */
export const RequestLedger = z.looseObject({
  since: z.string(),
  total: z.number().int(),
  byMethod: z.record(z.string(), z.number().int()),
  byStatus: z.record(z.string(), z.number().int()),
  rateLimited: z.number().int(),
  /** Writes (PUT, POST, DELETE) per site, then per resource (`ga4`, `webhooks/<id>`, …). */
  writes: z.record(z.string(), z.record(z.string(), z.number().int())),
  /** Requests in each whole minute since `since` (the current minute last). */
  perMinute: z.array(z.number().int()),
});
export type RequestLedger = z.infer<typeof RequestLedger>;
