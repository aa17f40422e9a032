import { create } from 'zustand';
import type { BridgeError } from '../../../shared/bridge';
import type { TestResult, Webhook, WebhookBody } from '../../../shared/contract';
import { foldChange, type JournalEntry } from '../../../shared/domain/workflow';
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
   * Creating and deleting are changes, like every edit: these open one (the change's Apply does
   * the write) and answer its id, or the refusal (another change is open on the site).
   */
  create(t: Target, body: WebhookBody): Promise<{ changeId?: string; error?: BridgeError }>;
  remove(t: Target, hook: Webhook): Promise<{ changeId?: string; error?: BridgeError }>;
  test(t: Target, id: string): Promise<void>;
}

const startedId = (entries: JournalEntry[]) => foldChange(entries).id;

export const useWebhooks = create<WebhooksState>((set) => ({
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
    const r = await call('changes.startWebhookCreate', { ...t, body });
    set({ busy: undefined });
    return r.ok ? { changeId: startedId(r.value.entries) } : { error: r.error };
  },
  async remove(t, hook) {
    set({ busy: `delete:${hook.id}` });
    const r = await call('changes.start', {
      ...t,
      target: `webhook:${hook.id}`,
      operation: 'delete',
      title: `Delete webhook ${hook.name}`,
    });
    set({ busy: undefined });
    return r.ok ? { changeId: startedId(r.value.entries) } : { error: r.error };
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
