import { monotonicFactory } from 'ulid';
import { fail } from '../../../shared/bridge/errors';
import {
  SnapshotTarget,
  type Snapshot,
  type SnapshotKey,
  type SnapshotMeta,
  type SnapshotSource,
  type StoreProblem,
  type TargetSummary,
} from '../../../shared/bridge/calls/snapshots-types';
import { MarkFile, readJson, VersionFile } from '../workspace/files';
import {
  markPath,
  siteDir,
  targetDir,
  targetOfFolder,
  versionPath,
  type SiteRef,
} from '../workspace/layout';
import type { SnapshotsWorkspace } from './workspace-access';
import { sha256Of } from './body';

export interface NewVersion {
  body: Record<string, unknown>;
  source: SnapshotSource;
  label?: string | undefined;
  changeId?: string | undefined;
  createdAt?: string | undefined;
}

/** A version: by its number in the merged history (what people say) or its ULID (what lasts). */
export type VersionRef = number | string;

interface Entry {
  meta: Omit<SnapshotMeta, 'version' | 'knownGood'>;
}
interface Loaded {
  entries: Entry[];
  marks: MarkFile[];
}

const ulid = monotonicFactory();

/**
 * The snapshot store on the team workspace: `versions/<ulid>.json` (immutable) and
 * `marks/<ulid>.json` (each mark or unmark its own file) per site x target. Versions are ordered
 * by ULID, so "vN" is the same on every laptop once synced. Loaded lazily per target and dropped
 * when a merge changes its files; every operation on a target is serialized.
 */
export class SnapshotStore {
  private readonly loaded = new Map<string, Loaded>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly problemLog: StoreProblem[] = [];
  private readonly now: () => Date;

  constructor(
    private readonly wsa: SnapshotsWorkspace,
    opts: { now?: () => Date; onProblem?: (p: StoreProblem) => void } = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.onProblem = opts.onProblem;
    wsa.onChange((paths) => {
      for (const p of paths) {
        const m = /^(sites\/[^/]+\/[^/]+\/[^/]+)\/(versions|marks)\//.exec(p);
        if (m) this.loaded.delete(m[1]!);
      }
    });
  }
  private readonly onProblem: ((p: StoreProblem) => void) | undefined;

  private site(key: SnapshotKey): SiteRef {
    return this.wsa.places.site(key.connectionId, key.siteId);
  }
  private dirOf(key: SnapshotKey): string {
    return targetDir(this.site(key), key.target);
  }

  problems(key?: SnapshotKey): StoreProblem[] {
    if (!key) return [...this.problemLog];
    const dir = this.dirOf(key);
    return this.problemLog.filter((p) => p.file.startsWith(dir));
  }

  private report(file: string, reason: string): void {
    if (this.problemLog.some((p) => p.file === file)) return;
    const p: StoreProblem = { file, action: 'unreadable', reason, at: this.now().toISOString() };
    this.problemLog.push(p);
    if (this.problemLog.length > 200) this.problemLog.shift();
    this.onProblem?.(p);
  }

  private async load(key: SnapshotKey): Promise<Loaded> {
    const dir = this.dirOf(key);
    const hit = this.loaded.get(dir);
    if (hit) return hit;
    const ws = this.wsa.ws;
    const entries: Entry[] = [];
    for (const name of (await ws.list(`${dir}/versions`)).filter((n) => n.endsWith('.json'))) {
      const path = `${dir}/versions/${name}`;
      const text = await this.readVersion(key, path);
      // Gone or quarantined: the damage register has told the operator.
      if (text === undefined) continue;
      const v = readJson(VersionFile, text);
      if (!v || `${v.id}.json` !== name) {
        this.report(path, 'this snapshot version is not named by its own id');
        continue;
      }
      entries.push({
        meta: {
          ...key,
          id: v.id,
          sha256: v.sha256,
          createdAt: v.takenAt,
          source: v.source,
          author: v.author.name,
          ...(v.label !== undefined ? { label: v.label } : {}),
          ...(v.changeId !== undefined ? { changeId: v.changeId } : {}),
        },
      });
    }
    const marks: MarkFile[] = [];
    for (const name of (await ws.list(`${dir}/marks`)).filter((n) => n.endsWith('.json'))) {
      const path = `${dir}/marks/${name}`;
      const text = await ws.guard.read(path, {
        store: 'snapshots',
        lost: `a known-good mark of ${key.target} on site ${key.siteId} (the versions themselves are intact)`,
        kept: 'every other version and mark of this target',
      });
      if (text === undefined) continue;
      const m = readJson(MarkFile, text);
      if (m && `${m.id}.json` === name) marks.push(m);
      else this.report(path, 'this known-good mark is not named by its own id');
    }
    entries.sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
    marks.sort((a, b) => (a.id < b.id ? -1 : 1));
    const l = { entries, marks };
    this.loaded.set(dir, l);
    return l;
  }

  private readVersion(key: SnapshotKey, path: string): Promise<string | undefined> {
    const id = path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
    return this.wsa.ws.guard.read(path, {
      store: 'snapshots',
      lost: `snapshot version ${id} of ${key.target} on site ${key.siteId}`,
      kept: 'every other version and mark of this target',
    });
  }

  private locked<T>(key: SnapshotKey, fn: (l: Loaded) => Promise<T> | T): Promise<T> {
    const id = this.dirOf(key);
    const prev = this.locks.get(id) ?? Promise.resolve();
    const run = prev.catch(() => undefined).then(async () => fn(await this.load(key)));
    this.locks.set(id, run);
    void run
      .finally(() => {
        if (this.locks.get(id) === run) this.locks.delete(id);
      })
      .catch(() => undefined);
    return run;
  }

  private metas(l: Loaded): SnapshotMeta[] {
    const state = new Map<string, MarkFile>();
    for (const m of l.marks) state.set(m.versionId, m);
    return l.entries.map((e, i) => {
      const mark = state.get(e.meta.id);
      return {
        ...e.meta,
        version: i + 1,
        knownGood: mark?.knownGood ?? false,
        ...(mark ? { knownGoodAt: mark.at, knownGoodBy: mark.author.name } : {}),
        ...(mark?.note ? { knownGoodNote: mark.note } : {}),
      };
    });
  }

  private find(l: Loaded, key: SnapshotKey, ref: VersionRef): SnapshotMeta {
    const all = this.metas(l);
    const m = typeof ref === 'number' ? all[ref - 1] : all.find((x) => x.id === ref);
    if (!m)
      fail(
        'not_found',
        `Version ${typeof ref === 'number' ? `v${ref}` : ref} of ${key.target} does not exist in this history.`,
      );
    return m;
  }

  list(key: SnapshotKey): Promise<SnapshotMeta[]> {
    return this.locked(key, (l) => this.metas(l).reverse());
  }

  get(key: SnapshotKey, ref: VersionRef): Promise<Snapshot> {
    return this.locked(key, async (l) => {
      const meta = this.find(l, key, ref);
      const path = versionPath(this.site(key), key.target, meta.id);
      const v = readJson(VersionFile, (await this.readVersion(key, path)) ?? '');
      if (!v) fail('internal', `Version v${meta.version} can no longer be read (${path}).`);
      return { ...meta, body: v.body };
    });
  }

  meta(key: SnapshotKey, ref: VersionRef): Promise<SnapshotMeta | undefined> {
    return this.locked(key, (l) => {
      const all = this.metas(l);
      return typeof ref === 'number' ? all[ref - 1] : all.find((x) => x.id === ref);
    });
  }

  knownGood(key: SnapshotKey): Promise<SnapshotMeta | undefined> {
    return this.locked(key, (l) =>
      this.metas(l)
        .filter((m) => m.knownGood)
        .at(-1),
    );
  }

  findBySha(key: SnapshotKey, sha: string): Promise<SnapshotMeta | undefined> {
    return this.locked(key, (l) => this.metas(l).find((m) => m.sha256 === sha));
  }

  /** A new version unless it equals the latest one (the same content twice is one version). */
  append(key: SnapshotKey, input: NewVersion): Promise<{ meta: SnapshotMeta; created: boolean }> {
    return this.locked(key, async (l) => {
      const sha256 = sha256Of(input.body);
      const last = this.metas(l).at(-1);
      if (last && last.sha256 === sha256) return { meta: last, created: false };
      const author = this.wsa.author();
      const takenAt = input.createdAt ?? this.now().toISOString();
      const id = ulid(Date.parse(takenAt));
      const file: VersionFile = {
        schemaVersion: 1,
        id,
        siteId: key.siteId,
        target: key.target,
        sha256,
        source: input.source,
        ...(input.label ? { label: input.label } : {}),
        ...(input.changeId ? { changeId: input.changeId } : {}),
        author,
        takenAt,
        body: input.body,
      };
      const site = this.site(key);
      await this.wsa.ws.commit(
        [
          ...(await this.wsa.describe(key)),
          { path: versionPath(site, key.target, id), text: JSON.stringify(file, null, 2) + '\n' },
        ],
        `Snapshot ${key.target} of ${key.siteId} (${input.source}${input.label ? `: ${input.label}` : ''})`,
      );
      l.entries.push({
        meta: {
          ...key,
          id,
          sha256,
          createdAt: takenAt,
          source: input.source,
          author: author.name,
          ...(input.label ? { label: input.label } : {}),
          ...(input.changeId ? { changeId: input.changeId } : {}),
        },
      });
      l.entries.sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
      return { meta: this.find(l, key, id), created: true };
    });
  }

  mark(
    key: SnapshotKey,
    ref: VersionRef,
    knownGood: boolean,
    note?: string,
  ): Promise<SnapshotMeta> {
    return this.locked(key, async (l) => {
      const meta = this.find(l, key, ref);
      const author = this.wsa.author();
      const at = this.now().toISOString();
      const id = ulid(Date.parse(at));
      const mark: MarkFile = {
        schemaVersion: 1,
        id,
        versionId: meta.id,
        knownGood,
        ...(note ? { note } : {}),
        author,
        at,
      };
      await this.wsa.ws.commit(
        [
          {
            path: markPath(this.site(key), key.target, id),
            text: JSON.stringify(mark, null, 2) + '\n',
          },
        ],
        `${knownGood ? 'Mark' : 'Unmark'} ${key.target} v${meta.version} known-good`,
      );
      l.marks.push(mark);
      return this.find(l, key, meta.id);
    });
  }

  /** Every target of a site with a history, with its latest and known-good versions. */
  async targets(connectionId: string, siteId: string): Promise<TargetSummary[]> {
    const site = this.wsa.places.site(connectionId, siteId);
    const out: TargetSummary[] = [];
    for (const name of (await this.wsa.ws.list(siteDir(site))).sort()) {
      const target = SnapshotTarget.safeParse(targetOfFolder(name));
      if (!target.success) continue;
      const key = { connectionId, siteId, target: target.data };
      const summary = await this.locked(key, (l) => {
        const all = this.metas(l);
        return {
          target: target.data,
          count: all.length,
          latest: all.at(-1),
          knownGood: all.filter((m) => m.knownGood).at(-1),
        };
      });
      if (summary.count > 0) out.push(summary);
    }
    return out;
  }

  /** Nothing is cached on disk any more; kept so callers can flush on quit. */
  flush(): Promise<void> {
    return Promise.resolve();
  }
}
