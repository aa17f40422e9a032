import { fail, type Emit, type Freshness } from '../../../shared/bridge';
import type { SnapshotRef } from '../../../shared/bridge/calls/snapshots';
import type {
  SnapshotKey,
  SnapshotMeta,
  SnapshotSource,
} from '../../../shared/bridge/calls/snapshots-types';
import type { LogEntry } from '../../../shared/contract';
import type { ApiService } from '../api';
import { TargetIO } from '../targets/target-io';
import { snapshotBody } from './body';
import { compareBodies } from './compare';
import { checkDrift } from './drift';
import type { SnapshotStore } from './store';

export interface Recorded {
  snapshot: SnapshotMeta;
  created: boolean;
}

const keyOf = (k: SnapshotKey): SnapshotKey => ({
  connectionId: k.connectionId,
  siteId: k.siteId,
  target: k.target,
});

/**
 * Snapshots as the other features use them: versions are recorded from live reads only (a cached
 * read could record a state that is gone), and every write to a history tells open screens.
 */
export class SnapshotsService {
  constructor(
    readonly store: SnapshotStore,
    private readonly api: ApiService,
    private readonly emit: Emit,
    private readonly now: () => Date = () => new Date(),
  ) {}

  io(key: SnapshotKey): TargetIO {
    return new TargetIO(this.api, keyOf(key));
  }

  /** Reads the target live and records what the server holds. */
  async take(
    key: SnapshotKey,
    opts: { source: SnapshotSource; label?: string | undefined; changeId?: string | undefined },
  ): Promise<Recorded> {
    const live = await this.io(key).read('live');
    return this.record(key, live.body, opts);
  }

  /** Records a body the caller has just read live or written (masked before it is stored). */
  async record(
    key: SnapshotKey,
    body: Record<string, unknown>,
    opts: { source: SnapshotSource; label?: string | undefined; changeId?: string | undefined },
  ): Promise<Recorded> {
    const r = await this.store.append(keyOf(key), {
      body: snapshotBody(key.target, body),
      source: opts.source,
      label: opts.label,
      changeId: opts.changeId,
    });
    if (r.created) this.emit('snapshots.changed', { ...keyOf(key), version: r.meta.version });
    return { snapshot: r.meta, created: r.created };
  }

  async markKnownGood(
    key: SnapshotKey,
    version: number,
    knownGood: boolean,
    note: string | undefined,
  ): Promise<SnapshotMeta> {
    const meta = await this.store.mark(keyOf(key), version, knownGood, note);
    this.emit('snapshots.changed', { ...keyOf(key), version });
    return meta;
  }

  /** A version's body, or the live configuration read with the caller's freshness. */
  async resolve(
    ref: SnapshotRef,
    freshness: Freshness,
  ): Promise<{ label: string; body: Record<string, unknown>; stale: boolean }> {
    const key = keyOf(ref);
    if (ref.version === 'live') {
      const live = await this.io(key).read(freshness);
      return {
        label: live.stale ? 'live (offline cache)' : 'live',
        body: snapshotBody(key.target, live.body),
        stale: live.stale,
      };
    }
    const s = await this.store.get(key, ref.version);
    return {
      label: `v${s.version}${s.knownGood ? ' (known-good)' : ''}`,
      body: s.body,
      stale: false,
    };
  }

  async compare(a: SnapshotRef, b: SnapshotRef, withTraffic: boolean, freshness: Freshness) {
    if (a.target !== b.target && !(isProvider(a.target) && isProvider(b.target)))
      fail(
        'validation',
        'Compare two versions of the same kind of target (two providers, or the same webhook, or the data layer).',
      );
    const [ra, rb] = await Promise.all([this.resolve(a, freshness), this.resolve(b, freshness)]);
    const logs = withTraffic ? await this.recentLogs(keyOf(b), freshness) : undefined;
    return {
      diff: compareBodies(keyOf(b), ra.body, rb.body, logs),
      a: { label: ra.label, body: ra.body },
      b: { label: rb.label, body: rb.body },
      trafficKnown: logs !== undefined,
    };
  }

  /** Drift is a decision (restore or not): it is checked against a live read only. */
  drift(key: SnapshotKey) {
    return checkDrift(this.store, this.io(key), (k) => this.recentLogs(k, 'live'), this.now());
  }

  /** Recent provider logs for the diff's critical flags; undefined when they cannot be read. */
  async recentLogs(key: SnapshotKey, freshness: Freshness): Promise<LogEntry[] | undefined> {
    const io = this.io(key);
    if (io.kind !== 'provider') return undefined;
    return io.logs(500, 0, freshness).catch(() => undefined);
  }
}

const isProvider = (t: string) => t === 'ga4' || t === 'meta' || t === 'gads';
