import { create } from 'zustand';
import type { BridgeError } from '../../../shared/bridge';
import type {
  SnapshotKey,
  SnapshotMeta,
  StoreProblem,
} from '../../../shared/bridge/calls/snapshots-types';
import { call } from '../../bridge';

/** The history shown on the Snapshots screen: one target at a time, plus the rows picked for compare/export. */
interface HistoryState {
  key: SnapshotKey | undefined;
  versions: SnapshotMeta[];
  total: number;
  problems: StoreProblem[];
  loading: boolean;
  error: BridgeError | undefined;
  picked: number[];
  load(key: SnapshotKey): Promise<void>;
  refresh(): Promise<void>;
  togglePick(version: number): void;
  clearPicks(): void;
}

const sameKey = (a: SnapshotKey | undefined, b: SnapshotKey) =>
  !!a && a.connectionId === b.connectionId && a.siteId === b.siteId && a.target === b.target;

export const useHistory = create<HistoryState>((set, get) => ({
  key: undefined,
  versions: [],
  total: 0,
  problems: [],
  loading: false,
  error: undefined,
  picked: [],
  async load(key) {
    if (!sameKey(get().key, key)) set({ key, versions: [], total: 0, picked: [], problems: [] });
    set({ loading: true });
    const r = await call('snapshots.list', { ...key, limit: 500, offset: 0 });
    if (!sameKey(get().key, key)) return; // the operator switched target meanwhile
    if (r.ok)
      set({
        versions: r.value.versions,
        total: r.value.total,
        problems: r.value.problems,
        error: undefined,
        loading: false,
      });
    else set({ error: r.error, loading: false });
  },
  async refresh() {
    const key = get().key;
    if (key) await get().load(key);
  },
  togglePick(version) {
    const picked = get().picked;
    set({
      picked: picked.includes(version) ? picked.filter((v) => v !== version) : [...picked, version],
    });
  },
  clearPicks() {
    set({ picked: [] });
  },
}));
