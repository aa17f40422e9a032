import type { CallContext, HandlersOf } from '../../../shared/bridge';
import type { runbooksCalls } from '../../../shared/bridge/calls/runbooks';
import { PROVIDER_KEYS } from '../../../shared/contract/providers';
import { checklistFor } from '../../../shared/domain/workflow/checklist';
import { foldChange } from '../../../shared/domain/workflow/fold';
import type { Feature, FeatureDeps } from '../feature';
import { RunbookStore } from './store';

/** Runbooks per site x target and the production checklist built from them and the change journal. */
export function createRunbooksFeature(
  deps: FeatureDeps,
): Feature<HandlersOf<typeof runbooksCalls, CallContext>> {
  const w = deps.workspace;
  const store = new RunbookStore({
    ws: w.ws,
    places: w.places,
    author: w.author,
    describe: (k) => w.places.describe(k.connectionId, k.siteId, (p) => w.ws.read(p)),
    onChange: (l) => w.onChange((c) => l(c.paths)),
  });
  w.onChange((c) => {
    // A runbook merged in from a colleague (or a pull request) refreshes open screens.
    for (const p of c.paths) {
      const m = /^sites\/([^/]+)\/([^/]+)\/([^/]+)\/runbook\.json$/.exec(p);
      const connectionId = m && w.places.connectionFor(m[1]!);
      if (m && connectionId)
        deps.hub.emit('runbooks.changed', {
          connectionId,
          siteId: m[2]!,
          target: m[3]!.replace(/^webhook-/, 'webhook:'),
        });
    }
  });
  /** Every open screen hears about a saved runbook (here or, via a merge, on another laptop). */
  async function changed<T>(
    k: { connectionId: string; siteId: string; target: string },
    saving: Promise<T>,
  ): Promise<T> {
    const saved = await saving;
    deps.hub.emit('runbooks.changed', {
      connectionId: k.connectionId,
      siteId: k.siteId,
      target: k.target,
    });
    return saved;
  }
  return {
    handlers: {
      'runbooks.get': (i) => store.get(i.connectionId, i.siteId, i.target),
      'runbooks.list': (i) => store.list(i.connectionId, i.siteId),
      'runbooks.save': (i) =>
        changed(i, store.save(i.connectionId, i.siteId, i.target, i.runbook, w.author().name)),
      'runbooks.resolve': (i) =>
        changed(
          i,
          store.resolve(i.connectionId, i.siteId, i.target, i.field, i.choice, w.author().name),
        ),
      'checklist.get': async (i) => {
        const site = { connectionId: i.connectionId, siteId: i.siteId };
        // The providers the site has (cache when offline); all three when even the cache is empty.
        let providers: string[] = [...PROVIDER_KEYS];
        let stale: boolean;
        try {
          const list = await deps.invoke('integrations.list', site);
          providers = list.data.map((x) => x.provider);
          stale = list.stale;
        } catch {
          stale = true;
        }
        const summaries = await deps.invoke('changes.list', site);
        const states = await Promise.all(
          summaries.map(async (c) =>
            foldChange((await deps.invoke('changes.get', { changeId: c.id })).entries),
          ),
        );
        const targets = await Promise.all(
          providers.map(async (p) =>
            checklistFor(p, states, await store.get(i.connectionId, i.siteId, p as never)),
          ),
        );
        return { checkedAt: new Date().toISOString(), targets, stale };
      },
    },
  };
}
