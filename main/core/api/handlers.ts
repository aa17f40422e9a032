import { z } from 'zod';
import {
  fail,
  type apiCalls,
  type CallContext,
  type Fetched,
  type HandlersOf,
} from '../../../shared/bridge';
import {
  DataLayerConfig,
  DefaultMappings,
  IntegrationResource,
  LogsPage,
  SiteHealth,
  Webhook,
  type ScenarioName,
} from '../../../shared/contract';
import { OfflineCache } from '../cache';
import { CancelRegistry } from './cancels';
import { ConnectivityTracker } from './connectivity';
import { DiagnosticsRing } from './diagnostics';
import { proxyEnvFromProcess, type ProxyEnv } from './dispatcher';
import type { BudgetOptions, RequestBudget } from '../scheduler/request-budget';
import { ClientPool, type PooledApi } from './pool';
import { ApiCalls } from './service';
import { DEFAULT_LIMITS, type ClientLimits, type ConnectionResolver } from './types';

export type ApiHandlers = HandlersOf<typeof apiCalls, CallContext>;

export interface ApiServiceDeps {
  connections: ConnectionResolver;
  cacheDir: string;
  now?: () => number;
  /** Tests shrink timeouts and caps; production uses DEFAULT_LIMITS. */
  limits?: Partial<ClientLimits>;
  /** Defaults to HTTPS_PROXY / HTTP_PROXY / NO_PROXY of the process. */
  proxyEnv?: ProxyEnv;
  /** Tuning of the per-connection request scheduler (tests, benchmarks). */
  budget?: Partial<BudgetOptions>;
}

export interface ApiService {
  handlers: ApiHandlers;
  /** Drop the cached client of one connection (or all) after its profile or token changed. */
  invalidate(connectionId?: string): void;
  /** Drops the offline copies of a connection (removed, or now pointing at another server). */
  forgetCache(connectionId: string): Promise<void>;
  /** The request scheduler of a connection: its budget, reserve and counters. */
  budget(connectionId: string): RequestBudget;
  /** A site's last-known health from the offline cache, without any request. */
  cachedHealth(connectionId: string, siteId: string): Promise<Fetched<SiteHealth> | undefined>;
  close(): Promise<void>;
}

/** Drills exist only on the embedded sandbox; a production API must never see the control path. */
function sandboxOnly(p: PooledApi): PooledApi {
  if (p.profile.kind !== 'sandbox')
    fail('validation', 'Drills run only on the sandbox connection.');
  return p;
}

export function createApiService(deps: ApiServiceDeps): ApiService {
  const now = deps.now ?? Date.now;
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const diagnostics = new DiagnosticsRing(500);
  const pool = new ClientPool(
    deps.connections,
    limits,
    deps.proxyEnv ?? proxyEnvFromProcess(),
    diagnostics,
    now,
    deps.budget,
  );
  const cancels = new CancelRegistry();
  const connectivity = new ConnectivityTracker(now);
  const cache = new OfflineCache(deps.cacheDir);
  const calls = new ApiCalls(pool, cache, connectivity, cancels, now);
  const written = <T>(a: { data: T; etag: string | undefined }) => ({
    data: a.data,
    ...(a.etag ? { etag: a.etag } : {}),
  });
  const scenarios = async (connectionId: string, cancel?: AbortSignal) =>
    (await sandboxOnly(await pool.get(connectionId)).api.listScenarios(cancel)).data;

  const handlers: ApiHandlers = {
    'integrations.list': (i, ctx) =>
      calls.read(ctx, i, 'integrations', z.array(IntegrationResource), (p, s) =>
        p.api.listIntegrations(i.siteId, s),
      ),
    'integrations.get': (i, ctx) =>
      calls.read(ctx, i, `integration.${i.provider}`, IntegrationResource, (p, s) =>
        p.api.getIntegration(i.siteId, i.provider, s),
      ),
    'integrations.put': async (i, ctx) =>
      written(
        await calls.write(ctx, i, (p, s) =>
          p.api.putIntegration(i.siteId, i.provider, i.body, i.ifMatch, s),
        ),
      ),
    'integrations.delete': async (i, ctx) => {
      await calls.write(ctx, i, (p, s) => p.api.deleteIntegration(i.siteId, i.provider, s));
      return { deleted: true };
    },
    'integrations.test': async (i, ctx) =>
      (await calls.write(ctx, i, (p, s) => p.api.testIntegration(i.siteId, i.provider, s))).data,
    'integrations.logs': (i, ctx) =>
      calls.read(
        ctx,
        i,
        `logs.${i.provider}.${i.limit}.${i.offset}`,
        LogsPage,
        (p, s) => p.api.integrationLogs(i.siteId, i.provider, i, s),
        {
          persist: i.offlineCopy,
        },
      ),
    'integrations.mappings': (i, ctx) =>
      calls.read(ctx, i, `mappings.${i.provider}`, DefaultMappings, (p, s) =>
        p.api.mappings(i.siteId, i.provider, s),
      ),
    'health.get': (i, ctx) =>
      calls.read(ctx, i, 'health', SiteHealth, (p, s) => p.api.health(i.siteId, s)),
    'dataLayer.get': (i, ctx) =>
      calls.read(ctx, i, 'data-layer', DataLayerConfig, (p, s) => p.api.getDataLayer(i.siteId, s)),
    'dataLayer.put': async (i, ctx) =>
      written(
        await calls.write(ctx, i, (p, s) => p.api.putDataLayer(i.siteId, i.body, i.ifMatch, s)),
      ),
    'webhooks.list': (i, ctx) =>
      calls.read(ctx, i, 'webhooks', z.array(Webhook), (p, s) => p.api.listWebhooks(i.siteId, s)),
    'webhooks.get': (i, ctx) =>
      calls.read(ctx, i, `webhook.${i.webhookId}`, Webhook, (p, s) =>
        p.api.getWebhook(i.siteId, i.webhookId, s),
      ),
    'webhooks.create': async (i, ctx) =>
      written(await calls.write(ctx, i, (p, s) => p.api.createWebhook(i.siteId, i.body, s))),
    'webhooks.update': async (i, ctx) =>
      written(
        await calls.write(ctx, i, (p, s) =>
          p.api.updateWebhook(i.siteId, i.webhookId, i.body, i.ifMatch, s),
        ),
      ),
    'webhooks.delete': async (i, ctx) => {
      await calls.write(ctx, i, (p, s) => p.api.deleteWebhook(i.siteId, i.webhookId, s));
      return { deleted: true };
    },
    'webhooks.test': async (i, ctx) =>
      (await calls.write(ctx, i, (p, s) => p.api.testWebhook(i.siteId, i.webhookId, s))).data,
    'webhooks.logs': (i, ctx) =>
      calls.read(
        ctx,
        i,
        `webhook-logs.${i.webhookId}.${i.limit}.${i.offset}`,
        LogsPage,
        (p, s) => p.api.webhookLogs(i.siteId, i.webhookId, i, s),
        { persist: i.offlineCopy },
      ),
    'api.cancel': (i) => Promise.resolve({ cancelled: cancels.cancel(i.requestId) }),
    'diagnostics.list': () => Promise.resolve(diagnostics.list()),
    'drills.list': (i) => scenarios(i.connectionId),
    'drills.start': async (i, ctx) => {
      await calls.write(ctx, i, (p, s) =>
        sandboxOnly(p).api.startScenario(i.scenario, i.siteId, s),
      );
      return scenarios(i.connectionId);
    },
    'drills.clear': async (i, ctx) => {
      const name: ScenarioName | undefined = i.scenario;
      await calls.write(ctx, i, (p, s) => sandboxOnly(p).api.clearScenarios(name, s));
      return scenarios(i.connectionId);
    },
  };

  return {
    handlers,
    invalidate(connectionId) {
      connectivity.forget(connectionId);
      void pool.invalidate(connectionId);
    },
    forgetCache: (connectionId) => cache.forget(connectionId),
    budget: (connectionId) => pool.budget(connectionId),
    async cachedHealth(connectionId, siteId) {
      const hit = await cache.get({ connectionId, siteId, resource: 'health' }, SiteHealth);
      if (hit.state !== 'hit') return undefined;
      const e = hit.entry;
      return {
        data: e.data,
        fetchedAt: e.fetchedAt,
        stale: true,
        ...(e.etag ? { etag: e.etag } : {}),
      };
    },
    async close() {
      await pool.invalidate();
    },
  };
}

/** The handlers alone, for callers that never change profiles (tests, tools). */
export function createApiHandlers(deps: ApiServiceDeps): ApiHandlers {
  return createApiService(deps).handlers;
}
