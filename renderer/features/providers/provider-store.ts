import { create } from 'zustand';
import type { BridgeError, Fetched } from '../../../shared/bridge';
import type {
  DefaultMappings,
  IntegrationResource,
  LogsPage,
  ProviderKey,
  TestResult,
} from '../../../shared/contract';
import { LOGS_MAX_LIMIT } from '../../../shared/contract';
import { call } from '../../bridge';
import type { Target } from '../../app/target';
import { read } from '../offline/read';

export interface ProviderData {
  integration: Fetched<IntegrationResource> | undefined;
  defaults: DefaultMappings | undefined;
  logs: LogsPage | undefined;
  error: BridgeError | undefined;
  loading: boolean;
}

interface ProviderState {
  byKey: Record<string, ProviderData | undefined>;
  tests: Record<string, { result?: TestResult; error?: BridgeError; running: boolean } | undefined>;
  load(t: Target, provider: ProviderKey): Promise<void>;
  runTest(t: Target, provider: ProviderKey): Promise<void>;
}

export const providerKey = (t: Target, p: ProviderKey) => `${t.connectionId}/${t.siteId}/${p}`;
const EMPTY: ProviderData = {
  integration: undefined,
  defaults: undefined,
  logs: undefined,
  error: undefined,
  loading: false,
};

/** One provider's live config, default mappings, recent logs and last test, per site. */
export const useProviders = create<ProviderState>((set, get) => {
  const patch = (key: string, p: Partial<ProviderData>) =>
    set((s) => ({ byKey: { ...s.byKey, [key]: { ...(s.byKey[key] ?? EMPTY), ...p } } }));
  return {
    byKey: {},
    tests: {},
    async load(t, provider) {
      const key = providerKey(t, provider);
      patch(key, { loading: true });
      const [integration, defaults, logs] = await Promise.all([
        read('integrations.get', { ...t, provider }),
        read('integrations.mappings', { ...t, provider }),
        // The full page: the traffic-without-mapping check needs more than the 20-row preview.
        read('integrations.logs', { ...t, provider, limit: LOGS_MAX_LIMIT, offset: 0 }),
      ]);
      if (!integration.ok) return patch(key, { error: integration.error, loading: false });
      patch(key, {
        integration: integration.value,
        defaults: defaults.ok ? defaults.value.data : get().byKey[key]?.defaults,
        logs: logs.ok ? logs.value.data : undefined,
        error: undefined,
        loading: false,
      });
    },
    async runTest(t, provider) {
      const key = providerKey(t, provider);
      set((s) => ({ tests: { ...s.tests, [key]: { ...s.tests[key], running: true } } }));
      const r = await call('integrations.test', { ...t, provider });
      set((s) => ({
        tests: {
          ...s.tests,
          [key]: r.ok ? { result: r.value, running: false } : { error: r.error, running: false },
        },
      }));
    },
  };
});
