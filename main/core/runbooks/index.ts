import type { CallContext, Emit, HandlersOf } from '../../../shared/bridge';
import type { runbooksCalls } from '../../../shared/bridge/calls/runbooks';
import { PROVIDER_KEYS } from '../../../shared/contract/providers';
import { checklistFor } from '../../../shared/domain/workflow/checklist';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import type { ApiService } from '../api';
import type { Feature } from '../feature';
import type { SettingsStore } from '../settings/settings-store';
import type { RunbookStore } from './store';
import type { WorkspaceFeature } from '../workspace/feature';

export interface RunbooksDeps {
  emit: Emit;
  settings: SettingsStore;
  api: ApiService;
  store: RunbookStore;
  /** The folded changes of a site, for the checklist. */
  changesOf(connectionId: string, siteId: string): Promise<ChangeState[]>;
  workspace: WorkspaceFeature;
}

/** Runbooks per site x target and the production checklist built from them and the change journal. */
export function createRunbooksFeature(
  deps: RunbooksDeps,
): Feature<HandlersOf<typeof runbooksCalls, CallContext>> {
  const { store } = deps;
  const w = deps.workspace;
  w.onChange((c) => {
    // A runbook merged in from a colleague (or a pull request) refreshes open screens.
    for (const p of c.paths) {
      const m = /^sites\/([^/]+)\/([^/]+)\/([^/]+)\/runbook\.json$/.exec(p);
      const connectionId = m && w.places.connectionFor(m[1]!);
      if (m && connectionId)
        deps.emit('runbooks.changed', {
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
    deps.emit('runbooks.changed', {
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
        // A screen: the providers the site has (the offline copy when the API is unreachable,
        // flagged stale); all three when even that is missing.
        let providers: string[] = [...PROVIDER_KEYS];
        let stale: boolean;
        try {
          const list = await deps.api.reads.integrations(site, 'display');
          providers = list.data.map((x) => x.provider);
          stale = list.stale;
        } catch {
          stale = true;
        }
        const states = await deps.changesOf(i.connectionId, i.siteId);
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
