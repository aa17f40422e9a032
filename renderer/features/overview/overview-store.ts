import { create } from 'zustand';
import type { BridgeError, Fetched } from '../../../shared/bridge';
import type { ProviderKey, SiteHealth } from '../../../shared/contract';
import { LOGS_MAX_LIMIT } from '../../../shared/contract';
import type { Target } from '../../app/target';
import { read } from '../offline/read';
import { filteredShares, type FilteredShare } from './filtered-share';

interface OverviewState {
  health: Fetched<SiteHealth> | undefined;
  shares: Partial<Record<ProviderKey, FilteredShare[]>>;
  error: BridgeError | undefined;
  loading: boolean;
  refreshedAt: string | undefined;
  forKey: string;
  refresh(t: Target, key: string): Promise<void>;
}

/** Health plus the filtered share per provider, fetched together so they describe the same moment. */
export const useOverview = create<OverviewState>((set, get) => ({
  health: undefined,
  shares: {},
  error: undefined,
  loading: false,
  refreshedAt: undefined,
  forKey: '',
  async refresh(t, key) {
    // Another site's numbers must never stay on screen under this site's name.
    if (get().forKey !== key) set({ health: undefined, shares: {}, error: undefined, forKey: key });
    set({ loading: true });
    const health = await read('health.get', t);
    if (!health.ok) return set({ error: health.error, loading: false });
    const providers = health.value.data.integrations.map((i) => i.provider);
    const logs = await Promise.all(
      providers.map((provider) =>
        read('integrations.logs', { ...t, provider, limit: LOGS_MAX_LIMIT, offset: 0 }),
      ),
    );
    const shares: OverviewState['shares'] = {};
    providers.forEach((p, i) => {
      const r = logs[i];
      if (r?.ok) shares[p] = filteredShares(r.value.data.entries);
    });
    if (get().forKey !== key) return;
    set({
      health: health.value,
      shares,
      error: undefined,
      loading: false,
      refreshedAt: new Date().toISOString(),
    });
  },
}));
