import { join } from 'node:path';
import type { CallContext, Emit, HandlersOf, Site } from '../../../../shared/bridge';
import type { RolloutView, rolloutsCalls } from '../../../../shared/bridge/calls/rollouts';
import type { RolloutState } from '../../../../shared/domain/rollout';
import type { DamageSink } from '../../damage/register';
import type { Feature } from '../../feature';
import type { RolloutChanges } from './ports';
import { RolloutService, rolloutSource } from './rollout-service';
import { RolloutStore } from './rollout-store';

export interface RolloutsDeps {
  dataDir: string;
  damage?: DamageSink;
  emit: Emit;
  changes: RolloutChanges;
  sites: () => readonly Site[];
  watchEveryMs?: number;
}

/** Rollouts of a known-good change to other sites, in waves that halt by themselves. */
export function createRolloutsFeature(
  deps: RolloutsDeps,
): Feature<HandlersOf<typeof rolloutsCalls, CallContext>> & { service: RolloutService } {
  const store = new RolloutStore(join(deps.dataDir, 'rollouts'), () => new Date(), deps.damage);
  const changed = (rolloutId: string) => deps.emit('rollouts.changed', { rolloutId });
  const service = new RolloutService({
    store,
    changes: deps.changes,
    sites: deps.sites,
    changed,
    now: () => new Date(),
    ...(deps.watchEveryMs ? { watchEveryMs: deps.watchEveryMs } : {}),
  });
  // Unreadable lines or files are reported, never dropped silently (and never rewritten).
  const notice = (message: string) => deps.emit('app.notice', { level: 'warning', message });
  const loaded = store.load().then(
    (problems) => {
      for (const p of problems) notice(`Rollout journal: ${p}`);
      service.resume();
    },
    (error: unknown) => notice(`The rollout journal could not be read: ${String(error)}`),
  );

  function view(r: RolloutState): RolloutView {
    const changes: RolloutView['changes'] = {};
    for (const id of Object.values(r.changeOf)) {
      try {
        const c = deps.changes.state(id);
        changes[id] = {
          step: c.step,
          open: c.open,
          ...(c.outcome ? { outcome: c.outcome } : {}),
          ...(c.lastTest ? { testOk: c.lastTest.ok } : {}),
          anomalies: c.anomalies.length,
          rolledBack: c.rolledBack,
          ...(c.monitor ? { monitorEndsAt: c.monitor.endsAt } : {}),
        };
      } catch {
        // A change file that could not be read: the rollout still shows, without that cell.
      }
    }
    return { entries: r.entries, changes };
  }

  return {
    service,
    ready: loaded,
    handlers: {
      'rollouts.plan': async (i) => {
        await deps.changes.ready();
        const c = deps.changes.state(i.changeId);
        const { ops, ignored, sentences } = rolloutSource(c);
        return {
          source: {
            changeId: c.id,
            connectionId: c.connectionId,
            siteId: c.siteId,
            target: c.target,
            ...(c.title ? { title: c.title } : {}),
            operator: c.operator,
          },
          patch: ops,
          sentences,
          ignored,
          candidates: deps
            .sites()
            .filter((s) => !(s.connectionId === c.connectionId && s.siteId === c.siteId))
            .map((s) => ({
              key: s.id,
              label: s.label,
              connectionId: s.connectionId,
              siteId: s.siteId,
            })),
          monitorMinimumMinutes: deps.changes.monitorMinimumMinutes(),
        };
      },
      'rollouts.start': async (i) => view(await service.create(i)),
      'rollouts.list': async () => {
        await loaded;
        return store
          .all()
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .map((r) => ({
            id: r.id,
            title: r.title,
            operator: r.operator,
            createdAt: r.createdAt,
            status: r.status,
            wave: r.wave,
            waves: r.waves,
            sites: r.sites.length,
          }));
      },
      'rollouts.get': async (i) => {
        await loaded;
        return view(service.state(i.rolloutId));
      },
      'rollouts.continue': async (i) => view(await service.continue(i.rolloutId, i.reason)),
      'rollouts.rollbackWave': async (i) => view(await service.rollbackWave(i.rolloutId)),
    },
    close: () => service.close(),
  };
}
