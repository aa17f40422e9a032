import { create } from 'zustand';
import type { BridgeError } from '../../../shared/bridge';
import type { FleetConnectionStatus, FleetRow } from '../../../shared/bridge/calls/fleet';
import { call, on } from '../../bridge';

interface FleetStore {
  rows: Record<string, FleetRow>;
  status: FleetConnectionStatus[];
  /** Bumped once per applied batch: views re-derive their lists from it. */
  version: number;
  loaded: boolean;
  error: BridgeError | undefined;
  /** Loads the picture and follows its pushes; returns the unsubscribe. */
  watch(): () => void;
}

/**
 * The fleet as main pushes it. Pushes are applied once per animation frame (several batches in a
 * frame become one render), so a 200-site fleet refreshing keeps the screen at 60 fps.
 */
export const useFleet = create<FleetStore>((set, get) => ({
  rows: {},
  status: [],
  version: 0,
  loaded: false,
  error: undefined,
  watch() {
    let pending: { rows: FleetRow[]; removed: string[]; status?: FleetConnectionStatus[] }[] = [];
    let frame = 0;
    const flush = () => {
      frame = 0;
      const batch = pending;
      pending = [];
      const rows = { ...get().rows };
      let status = get().status;
      for (const b of batch) {
        for (const r of b.rows) rows[r.key] = r;
        for (const k of b.removed) delete rows[k];
        if (b.status) status = b.status;
      }
      set({ rows, status, version: get().version + 1 });
    };
    const off = on('fleet.rows', (p) => {
      pending.push(p);
      frame ||= requestAnimationFrame(flush);
    });
    void call('fleet.rows', {}).then((r) => {
      if (!r.ok) return set({ error: r.error, loaded: true });
      pending.unshift({ rows: r.value.rows, removed: [], status: r.value.status });
      // A full picture replaces whatever was held (sites removed while away are gone).
      set({ rows: {}, error: undefined, loaded: true });
      flush();
    });
    return () => {
      off();
      if (frame) cancelAnimationFrame(frame);
    };
  },
}));
