import { join } from 'node:path';
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
  const store = new RunbookStore(join(deps.dataDir, 'runbooks'), deps.damage);
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
        deps.hub.emit('runbooks.changed', {
          connectionId: i.connectionId,
          siteId: i.siteId,
          target: i.target,
        });
        return saved;
      },
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
          // A damaged change has no journal to fold; it is shown on the Changes screen.
          summaries
            .filter((c) => !c.damaged)
            .map(async (c) =>
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
