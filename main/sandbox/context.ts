import type { ScenarioBook } from './scenarios/book';
import type { Pipeline } from './sim/pipeline';
import type { Scheduler } from './sim/scheduler';
import type { Streams } from './sim/streams';
import type { WebhookDispatcher } from './sim/webhook-dispatch';
import type { SiteState } from './state';

/** Everything a route handler may touch, passed explicitly (no module-level state: many sandboxes per process in tests). */
export interface SandboxContext {
  state: SiteState;
  streams: Streams;
  scenarios: ScenarioBook;
  pipeline: Pipeline;
  webhooks: WebhookDispatcher;
  scheduler: Scheduler;
  allowExternalWebhooks: boolean;
  origin: () => string;
}

export const API = '/api/v1/sites/:siteId/integrations';
