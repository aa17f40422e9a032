import type { CallContext, Emit, HandlersOf } from '../../../shared/bridge';
import type { runbooksCalls } from '../../../shared/bridge/calls/runbooks';
import { PROVIDER_KEYS } from '../../../shared/contract/providers';
import { checklistFor } from '../../../shared/domain/workflow/checklist';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import type { ApiService } from '../api';
import type { Feature } from '../feature';
import type { SettingsStore } from '../settings/settings-store';
import type { RunbookStore } from './store';

export interface RunbooksDeps {
  emit: Emit;
  settings: SettingsStore;
  api: ApiService;
  store: RunbookStore;
  /** The folded changes of a site, for the checklist. */
  changesOf(connectionId: string, siteId: string): Promise<ChangeState[]>;
}

/** Runbooks per site x target and the production checklist built from them and the change journal. */
export function createRunbooksFeature(
  deps: RunbooksDeps,
): Feature<HandlersOf<typeof runbooksCalls, CallContext>> {
  const { store } = deps;
  return {
    handlers: {
      'runbooks.get': (i) => store.get(i.connectionId, i.siteId, i.target),
      'runbooks.list': (i) => store.list(i.connectionId, i.siteId),
      'runbooks.save': async (i) => {
        const saved = await store.save(
          i.connectionId,
          i.siteId,
          i.target,
          i.runbook,
          deps.settings.settings.operatorName,
        );
        deps.emit('runbooks.changed', {
          connectionId: i.connectionId,
          siteId: i.siteId,
          target: i.target,
        });
        return saved;
      },
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
