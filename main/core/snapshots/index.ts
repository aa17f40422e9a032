import { join } from 'node:path';
import type { CallContext, Emit, HandlersOf } from '../../../shared/bridge';
import type { snapshotsCalls } from '../../../shared/bridge/calls/snapshots';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import type { ApiService } from '../api';
import type { DamageSink } from '../damage/register';
import type { Feature } from '../feature';
import { exportBundle, importBundle } from './bundle';
import { SnapshotsService } from './service';
import { snapshotDamage } from './damage';
import { SnapshotStore } from './store';

type Handlers = HandlersOf<typeof snapshotsCalls, CallContext>;
const keyOf = (i: SnapshotKey): SnapshotKey => ({
  connectionId: i.connectionId,
  siteId: i.siteId,
  target: i.target,
});

export interface SnapshotsFeature extends Feature<Handlers> {
  service: SnapshotsService;
}

/** The snapshot store on disk (`<dataDir>/snapshots/`), its service and its bridge adapters. */
export function createSnapshotsFeature(deps: {
  dataDir: string;
  emit: Emit;
  api: ApiService;
  /** Where a quarantined version or mark is reported. */
  damage: DamageSink;
}): SnapshotsFeature {
  const store = new SnapshotStore(join(deps.dataDir, 'snapshots'), {
    // A quarantined file is never silent: it goes on screen with what it held. A rebuilt index
    // loses nothing (it is derived from the version files).
    onProblem: (p, key) => {
      if (p.action === 'quarantined') deps.damage(snapshotDamage(p, key));
      else if (p.action === 'skipped_newer')
        deps.emit('app.notice', {
          level: 'warning',
          message: `Snapshot store: ${p.reason}. Left as it is: ${p.file}.`,
        });
    },
  });
  const service = new SnapshotsService(store, deps.api, deps.emit);

  const handlers: Handlers = {
    'snapshots.targets': (i) => store.targets(i.connectionId, i.siteId),
    'snapshots.list': async (i) => {
      const all = await store.list(keyOf(i));
      return {
        total: all.length,
        versions: all.slice(i.offset, i.offset + i.limit),
        problems: store.problems(keyOf(i)),
      };
    },
    'snapshots.get': (i) => store.get(keyOf(i), i.version),
    'snapshots.take': async (i) => ({
      ...(await service.take(keyOf(i), i)),
      stale: false,
    }),
    // The Compare panel shows; it may show the offline copy of "live", labelled as such.
    'snapshots.compare': (i) => service.compare(i.a, i.b, i.withTraffic, 'display'),
    'snapshots.markKnownGood': (i) =>
      service.markKnownGood(keyOf(i), i.version, i.knownGood, i.note),
    'snapshots.export': (i) => exportBundle(store, i.items, new Date()),
    'snapshots.import': async (i) => {
      const { report, touched } = await importBundle(store, i.bundle, i.into);
      for (const key of touched) deps.emit('snapshots.changed', key);
      return report;
    },
    'snapshots.drift': (i) => service.drift(keyOf(i)),
  };
  return { handlers, service, close: () => store.flush() };
}
