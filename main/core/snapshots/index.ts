import { join } from 'node:path';
import { fail, type CallContext, type HandlersOf } from '../../../shared/bridge';
import type { SnapshotRef, snapshotsCalls } from '../../../shared/bridge/calls/snapshots';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import type { Feature, FeatureDeps } from '../feature';
import { snapshotBody } from './body';
import { exportBundle, importBundle } from './bundle';
import { compareBodies } from './compare';
import { checkDrift } from './drift';
import { readLive, recentLogs } from './live';
import { restoreVersion } from './restore';
import { snapshotDamage } from './damage';
import { SnapshotStore } from './store';

type Handlers = HandlersOf<typeof snapshotsCalls, CallContext>;
const keyOf = (i: SnapshotKey): SnapshotKey => ({
  connectionId: i.connectionId,
  siteId: i.siteId,
  target: i.target,
});

export function createSnapshotsFeature(deps: FeatureDeps): Feature<Handlers> {
  const store = new SnapshotStore(join(deps.dataDir, 'snapshots'), {
    // A quarantined file is never silent: it goes on screen with what it held. A rebuilt index
    // loses nothing (it is derived from the version files).
    onProblem: (p, key) => {
      if (p.action === 'quarantined') deps.damage(snapshotDamage(p, key));
      else if (p.action === 'skipped_newer')
        deps.hub.emit('app.notice', {
          level: 'warning',
          message: `Snapshot store: ${p.reason}. Left as it is: ${p.file}.`,
        });
    },
  });
  const now = () => new Date();

  async function resolve(
    ref: SnapshotRef,
  ): Promise<{ label: string; body: Record<string, unknown> }> {
    const key = keyOf(ref);
    if (ref.version === 'live') {
      const live = await readLive(deps.invoke, key);
      return {
        label: live.stale ? 'live (offline cache)' : 'live',
        body: snapshotBody(key.target, live.body),
      };
    }
    const s = await store.get(key, ref.version);
    return { label: `v${s.version}${s.knownGood ? ' (known-good)' : ''}`, body: s.body };
  }

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
    'snapshots.take': async (i, ctx) => {
      const key = keyOf(i);
      const live = await readLive(deps.invoke, key);
      // A snapshot records what the server holds; a cached read could record a state that is gone.
      if (live.stale)
        fail(
          'offline',
          `The API is unreachable (${live.staleReason ?? 'offline'}); a snapshot needs a fresh read.`,
        );
      const r = await store.append(key, {
        body: snapshotBody(key.target, live.body),
        source: i.source,
        label: i.label,
        changeId: i.changeId,
      });
      if (r.created) ctx.emit('snapshots.changed', { ...key, version: r.meta.version });
      return { snapshot: r.meta, created: r.created, stale: false };
    },
    'snapshots.compare': async (i) => {
      if (i.a.target !== i.b.target && !(isProvider(i.a.target) && isProvider(i.b.target)))
        fail(
          'validation',
          'Compare two versions of the same kind of target (two providers, or the same webhook, or the data layer).',
        );
      const [a, b] = await Promise.all([resolve(i.a), resolve(i.b)]);
      const logs = i.withTraffic ? await recentLogs(deps.invoke, keyOf(i.b)) : undefined;
      return {
        diff: compareBodies(keyOf(i.b), a.body, b.body, logs),
        a,
        b,
        trafficKnown: logs !== undefined,
      };
    },
    'snapshots.markKnownGood': async (i, ctx) => {
      const meta = await store.mark(keyOf(i), i.version, i.knownGood, i.note);
      ctx.emit('snapshots.changed', { ...keyOf(i), version: i.version });
      return meta;
    },
    'snapshots.export': (i) => exportBundle(store, i.items, now()),
    'snapshots.import': async (i, ctx) => {
      const { report, touched } = await importBundle(store, i.bundle, i.into);
      for (const key of touched) ctx.emit('snapshots.changed', key);
      return report;
    },
    'snapshots.drift': (i) => checkDrift(store, deps.invoke, keyOf(i), now()),
    'snapshots.restore': async (i, ctx) => {
      const r = await restoreVersion(store, deps.invoke, keyOf(i), i.version);
      ctx.emit('snapshots.changed', { ...keyOf(i), version: r.after.version });
      return r;
    },
  };
  return { handlers, close: () => store.flush() };
}

const isProvider = (t: string) => t === 'ga4' || t === 'meta' || t === 'gads';
