import type { RequestLedger } from './request-ledger';
import type { ScenarioBook } from './scenarios/book';
import type { Pipeline } from './sim/pipeline';
import type { Scheduler } from './sim/scheduler';
import type { Streams } from './sim/streams';
import type { WebhookDispatcher } from './sim/webhook-dispatch';
import type { SiteState } from './state';
import type { StoredWebhook } from './store/schema';

/** Everything a route handler may touch, passed explicitly (no module-level state: many sandboxes per process in tests). */
export interface SandboxContext {
  state: SiteState;
  streams: Streams;
  scenarios: ScenarioBook;
  pipeline: Pipeline;
  webhooks: WebhookDispatcher;
  scheduler: Scheduler;
  ledger: RequestLedger;
  allowExternalWebhooks: boolean;
  origin: () => string;
  /**
   * What the built-in receiver expects, per `siteId/webhookId`: learnt when the webhook is seeded
   * or created (or at start), not on PUT. Rotating a secret on one side only then shows up as 401s,
   * as it does with a real receiver.
   */
  receiverCredentials: Map<string, Pick<StoredWebhook, 'authType' | 'authConfig'>>;
}

export const API = '/api/v1/sites/:siteId/integrations';
