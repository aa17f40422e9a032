import { z } from 'zod';
import type { Fetched } from '../../../shared/bridge';
import {
  DataLayerConfig,
  DefaultMappings,
  IntegrationResource,
  LogsPage,
  SiteHealth,
  Webhook,
  type ProviderKey,
} from '../../../shared/contract';
import type { ApiCalls, Freshness, Target } from './service';

export interface LogPaging {
  limit: number;
  offset: number;
  /** Keep this page for offline use (screens: yes; a live tail polling every second: no). */
  persist?: boolean;
}

/**
 * Every read of the Integrations API, typed, each with its freshness stated by the caller: the
 * compiler makes every call site choose between `display` (may be the offline copy, marked
 * stale) and `live` (the server's answer or a failure).
 */
export interface ApiReads {
  integrations(t: Target, f: Freshness): Promise<Fetched<IntegrationResource[]>>;
  integration(
    t: Target,
    provider: ProviderKey,
    f: Freshness,
  ): Promise<Fetched<IntegrationResource>>;
  integrationLogs(
    t: Target,
    provider: ProviderKey,
    page: LogPaging,
    f: Freshness,
  ): Promise<Fetched<LogsPage>>;
  mappings(t: Target, provider: ProviderKey, f: Freshness): Promise<Fetched<DefaultMappings>>;
  health(t: Target, f: Freshness): Promise<Fetched<SiteHealth>>;
  dataLayer(t: Target, f: Freshness): Promise<Fetched<DataLayerConfig>>;
  webhooks(t: Target, f: Freshness): Promise<Fetched<Webhook[]>>;
  webhook(t: Target, webhookId: string, f: Freshness): Promise<Fetched<Webhook>>;
  webhookLogs(
    t: Target,
    webhookId: string,
    page: LogPaging,
    f: Freshness,
  ): Promise<Fetched<LogsPage>>;
}

export function createApiReads(calls: ApiCalls): ApiReads {
  return {
    integrations: (t, freshness) =>
      calls.read(
        t,
        'integrations',
        z.array(IntegrationResource),
        (p, s) => p.api.listIntegrations(t.siteId, s),
        { freshness },
      ),
    integration: (t, provider, freshness) =>
      calls.read(
        t,
        `integration.${provider}`,
        IntegrationResource,
        (p, s) => p.api.getIntegration(t.siteId, provider, s),
        { freshness },
      ),
    integrationLogs: (t, provider, page, freshness) =>
      calls.read(
        t,
        `logs.${provider}.${page.limit}.${page.offset}`,
        LogsPage,
        (p, s) => p.api.integrationLogs(t.siteId, provider, page, s),
        { freshness, persist: page.persist ?? true },
      ),
    mappings: (t, provider, freshness) =>
      calls.read(
        t,
        `mappings.${provider}`,
        DefaultMappings,
        (p, s) => p.api.mappings(t.siteId, provider, s),
        { freshness },
      ),
    health: (t, freshness) =>
      calls.read(t, 'health', SiteHealth, (p, s) => p.api.health(t.siteId, s), { freshness }),
    dataLayer: (t, freshness) =>
      calls.read(t, 'data-layer', DataLayerConfig, (p, s) => p.api.getDataLayer(t.siteId, s), {
        freshness,
      }),
    webhooks: (t, freshness) =>
      calls.read(t, 'webhooks', z.array(Webhook), (p, s) => p.api.listWebhooks(t.siteId, s), {
        freshness,
      }),
    webhook: (t, webhookId, freshness) =>
      calls.read(
        t,
        `webhook.${webhookId}`,
        Webhook,
        (p, s) => p.api.getWebhook(t.siteId, webhookId, s),
        { freshness },
      ),
    webhookLogs: (t, webhookId, page, freshness) =>
      calls.read(
        t,
        `webhook-logs.${webhookId}.${page.limit}.${page.offset}`,
        LogsPage,
        (p, s) => p.api.webhookLogs(t.siteId, webhookId, page, s),
        { freshness, persist: page.persist ?? true },
      ),
  };
}
