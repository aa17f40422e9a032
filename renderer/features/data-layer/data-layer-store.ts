import { create } from 'zustand';
import type { BridgeError } from '../../../shared/bridge';
import type { DataLayerConfig } from '../../../shared/contract';
import { call } from '../../bridge';
import type { Target } from '../../app/target';
import { read } from '../offline/read';

interface DataLayerState {
  live: DataLayerConfig | undefined;
  etag: string | undefined;
  stale: boolean;
  error: BridgeError | undefined;
  saving: boolean;
  load(t: Target): Promise<void>;
  save(t: Target, body: DataLayerConfig): Promise<BridgeError | undefined>;
}

export const useDataLayer = create<DataLayerState>((set, get) => ({
  live: undefined,
  etag: undefined,
  stale: false,
  error: undefined,
  saving: false,
  async load(t) {
    const r = await read('dataLayer.get', t);
    set(r.ok ? { live: r.value.data, etag: r.value.etag, stale: r.value.stale, error: undefined } : { error: r.error });
  },
  async save(t, body) {
    set({ saving: true });
    const etag = get().etag;
    const r = await call('dataLayer.put', { ...t, body, ...(etag ? { ifMatch: etag } : {}) });
    set({ saving: false });
    if (!r.ok) return r.error;
    set({ live: r.value.data, etag: r.value.etag });
    return undefined;
  },
}));
