import type {
  DataLayerConfig,
  IntegrationBody,
  IntegrationResource,
  ProviderKey,
  TestResult,
  Webhook,
  WebhookBody,
} from '../../../shared/contract';
import type { ApiCalls, Target } from './service';

/** What a write answers: the stored object and its new ETag. */
export interface Written<T> {
  data: T;
  etag: string | undefined;
}

/**
 * The production writes. Internal to main: no bridge call reaches them directly; the change
 * workflow's steps (apply, rollback) are their only callers, so every write is journaled.
 */
export interface ApiWrites {
  putIntegration(
    t: Target,
    provider: ProviderKey,
    body: IntegrationBody,
    ifMatch: string | undefined,
  ): Promise<Written<IntegrationResource>>;
  putDataLayer(
    t: Target,
    body: DataLayerConfig,
    ifMatch: string | undefined,
  ): Promise<Written<DataLayerConfig>>;
  createWebhook(t: Target, body: WebhookBody): Promise<Written<Webhook>>;
  updateWebhook(
    t: Target,
    webhookId: string,
    body: WebhookBody,
    ifMatch: string | undefined,
  ): Promise<Written<Webhook>>;
  deleteWebhook(t: Target, webhookId: string, ifMatch: string | undefined): Promise<void>;
}

/** The provider and webhook tests: a POST that sends one sample event and changes no setting. */
export interface ApiTests {
  integration(t: Target, provider: ProviderKey): Promise<TestResult>;
  webhook(t: Target, webhookId: string): Promise<TestResult>;
}

export function createApiWrites(calls: ApiCalls): ApiWrites {
  const written = <T>(a: { data: T; etag: string | undefined }): Written<T> => ({
    data: a.data,
    etag: a.etag,
  });
  return {
    putIntegration: async (t, provider, body, ifMatch) =>
      written(
        await calls.write(t, (p, s) => p.api.putIntegration(t.siteId, provider, body, ifMatch, s)),
      ),
    putDataLayer: async (t, body, ifMatch) =>
      written(await calls.write(t, (p, s) => p.api.putDataLayer(t.siteId, body, ifMatch, s))),
    createWebhook: async (t, body) =>
      written(await calls.write(t, (p, s) => p.api.createWebhook(t.siteId, body, s))),
    updateWebhook: async (t, webhookId, body, ifMatch) =>
      written(
        await calls.write(t, (p, s) => p.api.updateWebhook(t.siteId, webhookId, body, ifMatch, s)),
      ),
    deleteWebhook: async (t, webhookId, ifMatch) => {
      await calls.write(t, (p, s) => p.api.deleteWebhook(t.siteId, webhookId, ifMatch, s));
    },
  };
}

export function createApiTests(calls: ApiCalls): ApiTests {
  return {
    integration: async (t, provider) =>
      (await calls.write(t, (p, s) => p.api.testIntegration(t.siteId, provider, s))).data,
    webhook: async (t, webhookId) =>
      (await calls.write(t, (p, s) => p.api.testWebhook(t.siteId, webhookId, s))).data,
  };
}
