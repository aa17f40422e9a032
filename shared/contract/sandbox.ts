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
