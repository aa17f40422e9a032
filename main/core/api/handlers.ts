import {
  fail,
  type apiCalls,
  type CallContext,
  type Fetched,
  type HandlersOf,
} from '../../../shared/bridge';
import { SiteHealth, type ScenarioList, type ScenarioName } from '../../../shared/contract';
import { OfflineCache } from '../cache';
import type { DamageSink } from '../damage/register';
import { CancelRegistry } from './cancels';
import { ConnectivityTracker } from './connectivity';
import { DiagnosticsRing } from './diagnostics';
import { proxyEnvFromProcess, type ProxyEnv } from './dispatcher';
import type { BudgetOptions, RequestBudget } from '../scheduler/request-budget';
import { ClientPool, type PooledApi } from './pool';
import { createApiReads, type ApiReads } from './reads';
import { ApiCalls, type Target } from './service';
import { DEFAULT_LIMITS, type ClientLimits, type ConnectionResolver } from './types';
import { createApiTests, createApiWrites, type ApiTests, type ApiWrites } from './writes';
import type { DiagnosticEntry, Emit } from '../../../shared/bridge';

export type ApiHandlers = HandlersOf<typeof apiCalls, CallContext>;

export interface ApiServiceDeps {
  connections: ConnectionResolver;
  cacheDir: string;
  /** Connectivity flips and cache notices go to every renderer. */
  emit: Emit;
  /** Where a damaged offline copy is reported (on screen, with what was lost). */
  damage?: DamageSink;
  now?: () => number;
  /** Tests shrink timeouts and caps; production uses DEFAULT_LIMITS. */
  limits?: Partial<ClientLimits>;
  /** Defaults to HTTPS_PROXY / HTTP_PROXY / NO_PROXY of the process. */
  proxyEnv?: ProxyEnv;
  /** Tuning of the per-connection request scheduler (tests, benchmarks). */
  budget?: Partial<BudgetOptions>;
}

/** The Integrations API as main's features see it: typed reads, writes and tests. */
export interface ApiService {
  reads: ApiReads;
  /** Production writes: only the change workflow calls these. */
  writes: ApiWrites;
  tests: ApiTests;
  drills: {
    list(t: Target): Promise<ScenarioList>;
    start(t: Target, scenario: ScenarioName): Promise<ScenarioList>;
    clear(t: Target, scenario: ScenarioName | undefined): Promise<ScenarioList>;
  };
  /** Aborts whatever runs under `requestId` (a tail's poll, a screen's read). */
  cancel(requestId: string): boolean;
  diagnostics(): DiagnosticEntry[];
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
  const ring = new DiagnosticsRing(500);
  const pool = new ClientPool(
    deps.connections,
    limits,
    deps.proxyEnv ?? proxyEnvFromProcess(),
    ring,
    now,
    deps.budget,
  );
  const cancels = new CancelRegistry();
  const connectivity = new ConnectivityTracker(now, deps.emit);
  const cache = new OfflineCache(deps.cacheDir, deps.damage);
  const calls = new ApiCalls(pool, cache, connectivity, cancels, deps.emit, now);
  const scenarios = async (connectionId: string) =>
    (await sandboxOnly(await pool.get(connectionId)).api.listScenarios()).data;

  return {
    reads: createApiReads(calls),
    writes: createApiWrites(calls),
    tests: createApiTests(calls),
    drills: {
      list: (t) => scenarios(t.connectionId),
      async start(t, scenario) {
        await calls.write(t, (p, s) => sandboxOnly(p).api.startScenario(scenario, t.siteId, s));
        return scenarios(t.connectionId);
      },
      async clear(t, scenario) {
        await calls.write(t, (p, s) => sandboxOnly(p).api.clearScenarios(scenario, s));
        return scenarios(t.connectionId);
      },
    },
    cancel: (requestId) => cancels.cancel(requestId),
    diagnostics: () => ring.list(),
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
      await pool.invalidate(undefined, { drain: false });
    },
  };
}

/**
 * The API's slice of the bridge: thin adapters over the service. Screens read for display (the
 * offline copy is allowed, marked stale) unless they ask for `live`; no production write is here.
 */
export function createApiHandlers(api: ApiService): ApiHandlers {
  const { reads } = api;
  return {
    'integrations.list': (i) => reads.integrations(i, i.freshness),
    'integrations.get': (i) => reads.integration(i, i.provider, i.freshness),
    'integrations.test': (i) => api.tests.integration(i, i.provider),
    'integrations.logs': (i) =>
      reads.integrationLogs(
        i,
        i.provider,
        { limit: i.limit, offset: i.offset, persist: i.offlineCopy },
        i.freshness,
      ),
    'integrations.mappings': (i) => reads.mappings(i, i.provider, i.freshness),
    'health.get': (i) => reads.health(i, i.freshness),
    'dataLayer.get': (i) => reads.dataLayer(i, i.freshness),
    'webhooks.list': (i) => reads.webhooks(i, i.freshness),
    'webhooks.get': (i) => reads.webhook(i, i.webhookId, i.freshness),
    'webhooks.test': (i) => api.tests.webhook(i, i.webhookId),
    'webhooks.logs': (i) =>
      reads.webhookLogs(
        i,
        i.webhookId,
        { limit: i.limit, offset: i.offset, persist: i.offlineCopy },
        i.freshness,
      ),
    'api.cancel': (i) => Promise.resolve({ cancelled: api.cancel(i.requestId) }),
    'diagnostics.list': () => Promise.resolve(api.diagnostics()),
    'drills.list': (i) => api.drills.list(i),
    'drills.start': (i) => api.drills.start(i, i.scenario),
    'drills.clear': (i) => api.drills.clear(i, i.scenario),
  };
}
