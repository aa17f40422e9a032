import type { Fetched, Site } from '../../../shared/bridge';
import type { FleetChange, FleetDrift, FleetRow } from '../../../shared/bridge/calls/fleet';
import type { SnapshotKey, TargetSummary } from '../../../shared/bridge/calls/snapshots-types';
import type { IntegrationResource } from '../../../shared/contract';
import { PROVIDER_KEYS } from '../../../shared/contract/providers';
import { checklistFor } from '../../../shared/domain/workflow/checklist';
import type { Runbook } from '../../../shared/domain/workflow/runbook';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { sha256Of, snapshotBody } from '../snapshots/body';
import { compareBodies } from '../snapshots/compare';
import type { LocalCells } from './fleet-service';

/** Where the cells come from: the journal, runbooks and snapshots (local), and one config read. */
export interface CellSources {
  changesOf(connectionId: string, siteId: string): ChangeState[];
  runbook(key: SnapshotKey): Promise<Runbook>;
  targets(connectionId: string, siteId: string): Promise<TargetSummary[]>;
  snapshotBody(key: SnapshotKey, version: number): Promise<Record<string, unknown>>;
  /** A display read of the site's integrations (the offline copy when unreachable). */
  integrations(connectionId: string, siteId: string): Promise<Fetched<IntegrationResource[]>>;
  now(): number;
  /** A drift cell is read again after this long, or at once after a change on the site. */
  driftEveryMs?: number;
}

function changeCell(c: ChangeState): FleetChange {
  return {
    id: c.id,
    target: c.target,
    ...(c.title ? { title: c.title } : {}),
    operator: c.operator,
    step: c.step,
    open: c.open,
    ...(c.outcome ? { outcome: c.outcome } : {}),
    at: c.entries.at(-1)?.at ?? c.startedAt,
    ...(c.rollout ? { rolloutId: c.rollout.id } : {}),
  };
}

/** The Fleet screen's local cells; drift costs one integrations read, and only where a known-good exists. */
export function siteCells(src: CellSources): LocalCells {
  const drift = new Map<string, FleetDrift>();

  async function driftOf(site: Site, lastChangeAt: string | undefined): Promise<FleetDrift> {
    const good = (await src.targets(site.connectionId, site.siteId)).filter(
      (t) => t.knownGood && (PROVIDER_KEYS as readonly string[]).includes(t.target),
    );
    const at = new Date(src.now()).toISOString();
    if (!good.length) return { at, stale: false, state: 'no_known_good', targets: [] };
    const prev = drift.get(site.id);
    const fresh =
      prev &&
      src.now() - Date.parse(prev.at) < (src.driftEveryMs ?? 300_000) &&
      (!lastChangeAt || lastChangeAt < prev.at);
    if (fresh) return prev;
    const live = await src.integrations(site.connectionId, site.siteId);
    const drifted: string[] = [];
    for (const t of good) {
      const key = { connectionId: site.connectionId, siteId: site.siteId, target: t.target };
      const body = live.data.find((i) => i.provider === t.target);
      const now = body ? snapshotBody(t.target, body) : undefined;
      if (!now) drifted.push(t.target);
      else if (sha256Of(now) !== t.knownGood!.sha256) {
        const before = await src.snapshotBody(key, t.knownGood!.version);
        if (!compareBodies(key, before, now, undefined).identical) drifted.push(t.target);
      }
    }
    const cell: FleetDrift = {
      at: live.fetchedAt,
      stale: live.stale,
      state: drifted.length ? 'drifted' : 'none',
      targets: drifted,
    };
    drift.set(site.id, cell);
    return cell;
  }

  return {
    async cellsOf(site, health) {
      const changes = src
        .changesOf(site.connectionId, site.siteId)
        .filter((c) => c.kind === 'change')
        .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
      const open = changes.find((c) => c.open);
      const last = changes.at(-1);
      const targets = health?.providers ? Object.keys(health.providers) : [...PROVIDER_KEYS];
      let met = 0;
      let total = 0;
      const missing: string[] = [];
      for (const target of targets) {
        const list = checklistFor(
          target,
          changes,
          await src.runbook({ connectionId: site.connectionId, siteId: site.siteId, target }),
        );
        for (const item of list.items) {
          total++;
          if (item.met) met++;
          else missing.push(`${target}: ${item.label}`);
        }
      }
      const lastAt = last?.entries.at(-1)?.at;
      let driftCell: FleetRow['drift'] = drift.get(site.id) ?? null;
      try {
        driftCell = await driftOf(site, lastAt);
      } catch {
        // No config read now (offline, refused): the previous drift cell stays, with its age.
      }
      return {
        openChange: open ? changeCell(open) : null,
        lastChange: last ? changeCell(last) : null,
        compliance: { at: new Date(src.now()).toISOString(), met, total, missing },
        drift: driftCell,
      };
    },
  };
}
