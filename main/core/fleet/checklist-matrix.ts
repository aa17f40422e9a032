import type { Site } from '../../../shared/bridge';
import type { FleetChecklist, FleetRow } from '../../../shared/bridge/calls/fleet';
import { PROVIDER_KEYS } from '../../../shared/contract/providers';
import { checklistFor } from '../../../shared/domain/workflow/checklist';
import type { CellSources } from './site-cells';

/**
 * Sites x providers x the five production-checklist items, from the journal and the runbooks (no
 * API request: the providers of a site are those its last health read named).
 */
export async function checklistMatrix(
  src: Pick<CellSources, 'changesOf' | 'runbook' | 'now'>,
  sites: readonly Site[],
  rows: ReadonlyMap<string, FleetRow>,
): Promise<FleetChecklist> {
  const out: FleetChecklist['rows'] = [];
  for (const site of sites) {
    const row = rows.get(site.id);
    const providers = row?.health?.providers;
    const targets =
      providers && Object.keys(providers).length ? Object.keys(providers) : [...PROVIDER_KEYS];
    const changes = src.changesOf(site.connectionId, site.siteId);
    const lists = [];
    for (const target of targets.sort())
      lists.push(
        checklistFor(
          target,
          changes,
          await src.runbook({ connectionId: site.connectionId, siteId: site.siteId, target }),
        ),
      );
    out.push({
      key: site.id,
      label: site.label,
      connectionName: row?.connectionName ?? site.connectionId,
      siteId: site.siteId,
      targets: lists,
    });
  }
  return { checkedAt: new Date(src.now()).toISOString(), rows: out };
}
