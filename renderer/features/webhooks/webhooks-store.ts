import { create } from 'zustand';
import type { BridgeError } from '../../../shared/bridge';
import type { LogEntry, TestResult, Webhook, WebhookBody } from '../../../shared/contract';
import { call } from '../../bridge';
import type { Target } from '../../app/target';
import { read } from '../offline/read';

interface WebhooksState {
  list: Webhook[];
  loaded: boolean;
  error: BridgeError | undefined;
  busy: string | undefined;
  deliveries: Record<string, LogEntry[] | undefined>;
  tests: Record<string, { result?: TestResult; error?: BridgeError } | undefined>;
  load(t: Target): Promise<void>;
  loadDeliveries(t: Target, id: string): Promise<void>;
  /** Create (no id) or replace (id, with the ETag of a fresh read). Returns the error, if any. */
  save(t: Target, body: WebhookBody, id?: string): Promise<BridgeError | undefined>;
  remove(t: Target, id: string): Promise<BridgeError | undefined>;
  test(t: Target, id: string): Promise<void>;
}

export const useWebhooks = create<WebhooksState>((set, get) => ({
  list: [],
  loaded: false,
  error: undefined,
  busy: undefined,
  deliveries: {},
  tests: {},
  async load(t) {
    set({ busy: 'list' });
    const r = await read('webhooks.list', t);
    set(r.ok ? { list: r.value.data, loaded: true, error: undefined, busy: undefined } : { error: r.error, busy: undefined });
  },
  async loadDeliveries(t, id) {
    const r = await read('webhooks.logs', { ...t, webhookId: id, limit: 20, offset: 0 });
    if (r.ok) set((s) => ({ deliveries: { ...s.deliveries, [id]: r.value.data.entries } }));
    else set({ error: r.error });
  },
  async save(t, body, id) {
    set({ busy: 'save' });
    let r;
    if (id) {
      // PUT replaces the whole webhook: guard it with the ETag of a read made just now.
      const fresh = await read('webhooks.get', { ...t, webhookId: id });
      r = await call('webhooks.update', { ...t, webhookId: id, body, ...(fresh.ok && fresh.value.etag ? { ifMatch: fresh.value.etag } : {}) });
    } else {
      r = await call('webhooks.create', { ...t, body });
    }
    set({ busy: undefined });
    if (!r.ok) return r.error;
    await get().load(t);
    return undefined;
  },
  async remove(t, id) {
    set({ busy: `delete:${id}` });
    const r = await call('webhooks.delete', { ...t, webhookId: id });
    set({ busy: undefined });
    if (!r.ok) return r.error;
    await get().load(t);
    return undefined;
  },
  async test(t, id) {
    set({ busy: `test:${id}` });
    const r = await call('webhooks.test', { ...t, webhookId: id });
    set((s) => ({ busy: undefined, tests: { ...s.tests, [id]: r.ok ? { result: r.value } : { error: r.error } } }));
    void get().loadDeliveries(t, id);
  },
}));
