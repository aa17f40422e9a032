import type { CallContext, Emit, HandlersOf } from '../../../shared/bridge';
import type { snapshotsCalls } from '../../../shared/bridge/calls/snapshots';
import { SnapshotTarget, type SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import { targetOfFolder } from '../workspace/layout';
import type { WorkspaceFeature } from '../workspace/feature';
import type { ApiService } from '../api';
import type { Feature } from '../feature';
import { exportBundle, importBundle } from './bundle';
import { SnapshotsService } from './service';
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
  workspace: WorkspaceFeature;
}): SnapshotsFeature {
  const w = deps.workspace;
  const store = new SnapshotStore(
    {
      ws: w.ws,
      places: w.places,
      author: w.author,
      describe: (k) => w.places.describe(k.connectionId, k.siteId, (p) => w.ws.read(p)),
      onChange: (l) => w.onChange((c) => l(c.paths)),
    },
    {
      // An unreadable file is never silent: every open window hears about it.
      onProblem: (p) =>
        deps.emit('app.notice', {
          level: 'warning',
          message: `Snapshot store: ${p.file}: ${p.reason}.`,
        }),
    },
  );
  // Versions and marks merged in from colleagues: open Snapshots screens refetch.
  w.onChange((c) => {
    const seen = new Set<string>();
    for (const p of c.paths) {
      const m = /^sites\/([^/]+)\/([^/]+)\/([^/]+)\/(?:versions|marks)\//.exec(p);
      const connectionId = m && w.places.connectionFor(m[1]!);
      if (!m || !connectionId || seen.has(`${m[2]}/${m[3]}`)) continue;
      seen.add(`${m[2]}/${m[3]}`);
      const target = SnapshotTarget.safeParse(targetOfFolder(m[3]!));
      if (target.success)
        deps.emit('snapshots.changed', { connectionId, siteId: m[2]!, target: target.data });
    }
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
    'snapshots.get': (i) => store.get(keyOf(i), i.id ?? i.version),
    'snapshots.take': async (i) => ({
      ...(await service.take(keyOf(i), i)),
      stale: false,
    }),
    // The Compare panel shows; it may show the offline copy of "live", labelled as such.
    'snapshots.compare': (i) => service.compare(i.a, i.b, i.withTraffic, 'display'),
    'snapshots.markKnownGood': (i) =>
      service.markKnownGood(keyOf(i), i.id ?? i.version, i.knownGood, i.note),
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
