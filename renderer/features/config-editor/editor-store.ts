import { create } from 'zustand';
import type { BridgeError } from '../../../shared/bridge';
import { IntegrationResource, type DefaultMappings, type ProviderKey } from '../../../shared/contract';
import { call } from '../../bridge';
import type { Target } from '../../app/target';
import { read } from '../offline/read';
import { fromBody, toBody, type Draft } from './draft';
import { validateJson } from './validate';

interface EditorState {
  provider: ProviderKey | undefined;
  live: IntegrationResource | undefined;
  etag: string | undefined;
  stale: boolean;
  defaults: DefaultMappings | undefined;
  draft: Draft | undefined;
  /** The raw JSON view: regenerated from the form, or the operator's own text while they type in it. */
  jsonText: string;
  jsonIssues: { path: string; message: string }[];
  loadError: BridgeError | undefined;
  saving: boolean;
  saveError: BridgeError | undefined;
  /** On a 412: the server's current object, to show what changed there. */
  serverCurrent: IntegrationResource | undefined;
  load(t: Target, provider: ProviderKey): Promise<void>;
  update(fn: (d: Draft) => Draft): void;
  setJson(text: string): void;
  discard(): void;
  save(t: Target): Promise<boolean>;
  rebase(t: Target): Promise<void>;
}

const pretty = (d: Draft) => JSON.stringify(toBody(d), null, 2);

/** The config editor's slice: live object + ETag, the draft, and the PUT with If-Match. */
export const useEditor = create<EditorState>((set, get) => ({
  provider: undefined,
  live: undefined,
  etag: undefined,
  stale: false,
  defaults: undefined,
  draft: undefined,
  jsonText: '',
  jsonIssues: [],
  loadError: undefined,
  saving: false,
  saveError: undefined,
  serverCurrent: undefined,
  async load(t, provider) {
    set({ provider, live: undefined, draft: undefined, loadError: undefined, saveError: undefined, serverCurrent: undefined });
    const [r, defaults] = await Promise.all([read('integrations.get', { ...t, provider }), read('integrations.mappings', { ...t, provider })]);
    if (get().provider !== provider) return;
    if (!r.ok) return set({ loadError: r.error });
    const draft = fromBody(r.value.data);
    set({
      live: r.value.data,
      etag: r.value.etag,
      stale: r.value.stale,
      defaults: defaults.ok ? defaults.value.data : undefined,
      draft,
      jsonText: pretty(draft),
      jsonIssues: [],
    });
  },
  update(fn) {
    const d = get().draft;
    if (!d) return;
    const draft = fn(d);
    set({ draft, jsonText: pretty(draft), jsonIssues: [] });
  },
  setJson(text) {
    const provider = get().provider;
    if (!provider) return;
    const { value, issues } = validateJson(provider, text);
    // Syntactically valid JSON flows into the form at once; the schema issues stay listed under it.
    set(value ? { jsonText: text, jsonIssues: issues, draft: fromBody(value) } : { jsonText: text, jsonIssues: issues });
  },
  discard() {
    const live = get().live;
    if (!live) return;
    const draft = fromBody(live);
    set({ draft, jsonText: pretty(draft), jsonIssues: [], saveError: undefined, serverCurrent: undefined });
  },
  async save(t) {
    const { provider, draft, etag } = get();
    if (!provider || !draft) return false;
    set({ saving: true, saveError: undefined, serverCurrent: undefined });
    const r = await call('integrations.put', { ...t, provider, body: toBody(draft), ...(etag ? { ifMatch: etag } : {}) });
    if (!r.ok) {
      const current = r.error.kind === 'conflict' ? IntegrationResource.safeParse(r.error.current) : undefined;
      set({ saving: false, saveError: r.error, serverCurrent: current?.success ? current.data : undefined });
      return false;
    }
    const saved = fromBody(r.value.data);
    set({ saving: false, live: r.value.data, etag: r.value.etag, draft: saved, jsonText: pretty(saved), jsonIssues: [] });
    return true;
  },
  /** Keep the draft, take the server's version (and its ETag) as the new base of the diff. */
  async rebase(t) {
    const provider = get().provider;
    if (!provider) return;
    const r = await read('integrations.get', { ...t, provider });
    if (!r.ok) return set({ saveError: r.error });
    set({ live: r.value.data, etag: r.value.etag, saveError: undefined, serverCurrent: undefined });
  },
}));
