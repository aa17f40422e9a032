import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  SnapshotTarget,
  type Snapshot,
  type SnapshotKey,
  type SnapshotMeta,
  type StoreProblem,
  type TargetSummary,
} from '../../../shared/bridge/calls/snapshots-types';
import { TargetHistory, type NewVersion } from './history';
import { keyId } from './paths';

export interface SnapshotStoreOptions {
  now?: () => Date;
  /** Delay before the derived index is rewritten after writes; 0 writes it at once. */
  indexDelayMs?: number;
  onProblem?: (p: StoreProblem, key: SnapshotKey) => void;
}

/**
 * The snapshot store: one lazily loaded history per connection x site x target, with every
 * operation on a target serialized (a take and a restore never race for a version number).
 */
export class SnapshotStore {
  private readonly histories = new Map<string, TargetHistory>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly problemLog: StoreProblem[] = [];
  private readonly now: () => Date;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly root: string,
    private readonly opts: SnapshotStoreOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Problems found so far (quarantined files, newer files, rebuilt indexes), newest last, capped. */
  problems(key?: SnapshotKey): StoreProblem[] {
    if (!key) return [...this.problemLog];
    const dir = this.history(key).dir;
    return this.problemLog.filter((p) => p.file.startsWith(dir));
  }

  private history(key: SnapshotKey): TargetHistory {
    const id = keyId(key);
    let h = this.histories.get(id);
    if (!h) {
      h = new TargetHistory(
        this.root,
        { connectionId: key.connectionId, siteId: key.siteId, target: key.target },
        (p) => {
          const problem = { ...p, at: this.now().toISOString() };
          this.problemLog.push(problem);
          if (this.problemLog.length > 200) this.problemLog.shift();
          this.opts.onProblem?.(problem, key);
        },
      );
      this.histories.set(id, h);
    }
    return h;
  }

  /** Run `fn` on a loaded history, after every earlier operation on the same target. */
  private async locked<T>(key: SnapshotKey, fn: (h: TargetHistory) => Promise<T>): Promise<T> {
    const id = keyId(key);
    const prev = this.locks.get(id) ?? Promise.resolve();
    const run = prev
      .catch(() => undefined)
      .then(async () => {
        const h = this.history(key);
        await h.load();
        return fn(h);
      });
    this.locks.set(id, run);
    try {
      return await run;
    } finally {
      if (this.locks.get(id) === run) this.locks.delete(id);
    }
  }

  /**
   * The index is a cache, so its rewrite is debounced (10,000 takes must not rewrite it 10,000
   * times); a crash before the write only means the next open reads the newest files again.
   */
  private async afterWrite(h: TargetHistory): Promise<void> {
    const delay = this.opts.indexDelayMs ?? 250;
    if (delay === 0) return h.flushIndex();
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush().catch(() => undefined);
    }, delay);
    this.flushTimer.unref();
  }

  /** Write every dirty index now (on quit, and by the debounce timer). */
  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    await Promise.all(
      [...this.histories.values()]
        .filter((h) => h.dirty)
        .map((h) => this.locked(h.key, (x) => x.flushIndex())),
    );
  }

  list(key: SnapshotKey): Promise<SnapshotMeta[]> {
    return this.locked(key, (h) => Promise.resolve(h.list()));
  }
  get(key: SnapshotKey, version: number): Promise<Snapshot> {
    return this.locked(key, async (h) => {
      try {
        return await h.get(version);
      } finally {
        if (h.dirty) await this.afterWrite(h);
      }
    });
  }
  meta(key: SnapshotKey, version: number): Promise<SnapshotMeta | undefined> {
    return this.locked(key, (h) => Promise.resolve(h.metaOf(version)));
  }
  knownGood(key: SnapshotKey): Promise<SnapshotMeta | undefined> {
    return this.locked(key, (h) => Promise.resolve(h.knownGood()));
  }
  findBySha(key: SnapshotKey, sha: string): Promise<SnapshotMeta | undefined> {
    return this.locked(key, (h) => Promise.resolve(h.findBySha(sha)));
  }

  async append(
    key: SnapshotKey,
    input: NewVersion,
  ): Promise<{ meta: SnapshotMeta; created: boolean }> {
    return this.locked(key, async (h) => {
      const r = await h.append(input, this.now);
      if (r.created) await this.afterWrite(h);
      return r;
    });
  }

  mark(
    key: SnapshotKey,
    version: number,
    knownGood: boolean,
    note?: string,
  ): Promise<SnapshotMeta> {
    return this.locked(key, (h) => h.mark(version, knownGood, note, this.now));
  }

  /** Every target of a site that has a history folder, with its latest and known-good versions. */
  async targets(connectionId: string, siteId: string): Promise<TargetSummary[]> {
    let names: string[];
    try {
      names = await fs.readdir(join(this.root, connectionId, siteId));
    } catch {
      return [];
    }
    const out: TargetSummary[] = [];
    for (const name of names.sort()) {
      const target = SnapshotTarget.safeParse(
        name.startsWith('webhook-') ? `webhook:${name.slice(8)}` : name,
      );
      if (!target.success) continue;
      const key = { connectionId, siteId, target: target.data };
      out.push(
        await this.locked(key, (h) =>
          Promise.resolve({
            target: target.data,
            count: h.count(),
            latest: h.latest(),
            knownGood: h.knownGood(),
          }),
        ),
      );
    }
    return out;
  }
}
