import { create } from 'zustand';
import type { BridgeError } from '../../../shared/bridge';
import type { DataLayerConfig } from '../../../shared/contract';
import type { Target } from '../../app/target';
import { read } from '../offline/read';

interface DataLayerState {
  live: DataLayerConfig | undefined;
  stale: boolean;
  error: BridgeError | undefined;
  load(t: Target): Promise<void>;
}

/** Read-only: writes to the data layer go through the change workflow (main's changes service). */
export const useDataLayer = create<DataLayerState>((set) => ({
  live: undefined,
  stale: false,
  error: undefined,
  async load(t) {
    const r = await read('dataLayer.get', t);
    set(r.ok ? { live: r.value.data, stale: r.value.stale, error: undefined } : { error: r.error });
  },
}));
