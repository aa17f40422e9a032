import { create } from 'zustand';
import type { BridgeError } from '../../../shared/bridge';
import type { TestResult, Webhook, WebhookBody } from '../../../shared/contract';
import { call } from '../../bridge';
import type { Target } from '../../app/target';
import { read } from '../offline/read';

interface WebhooksState {
  list: Webhook[];
  loaded: boolean;
  error: BridgeError | undefined;
  busy: string | undefined;
  tests: Record<string, { result?: TestResult; error?: BridgeError } | undefined>;
  load(t: Target): Promise<void>;
  /**
   * Creating stays direct: there is no live webhook yet to baseline or roll back. Edits of an
   * existing webhook go through the change workflow (target `webhook:<id>`), never through here.
   */
  create(t: Target, body: WebhookBody): Promise<BridgeError | undefined>;
  remove(t: Target, id: string): Promise<BridgeError | undefined>;
  test(t: Target, id: string): Promise<void>;
}

export const useWebhooks = create<WebhooksState>((set, get) => ({
  list: [],
  loaded: false,
  error: undefined,
  busy: undefined,
  tests: {},
  async load(t) {
    set({ busy: 'list' });
    const r = await read('webhooks.list', t);
    set(
      r.ok
        ? { list: r.value.data, loaded: true, error: undefined, busy: undefined }
        : { error: r.error, busy: undefined },
    );
  },
  async create(t, body) {
    set({ busy: 'save' });
    const r = await call('webhooks.create', { ...t, body });
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
    set((s) => ({
      busy: undefined,
      tests: { ...s.tests, [id]: r.ok ? { result: r.value } : { error: r.error } },
    }));
  },
}));
