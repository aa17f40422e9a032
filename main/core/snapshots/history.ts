import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fail } from '../../../shared/bridge/errors';
import type {
  Snapshot,
  SnapshotKey,
  SnapshotMeta,
  SnapshotSource,
  StoreProblem,
} from '../../../shared/bridge/calls/snapshots-types';
import { quarantine } from '../../base/atomic-file';
import { sha256Of } from './body';
import { createImmutable, removeTempFiles } from './immutable-file';
import { readIndex, writeIndex, type IndexEntry } from './index-file';
import { MarksLog } from './marks';
import { targetDir, VERSION_FILE, VERSION_NUMBERED, versionFileName } from './paths';
import { mapLimit, readVersion } from './read-version';
import { RECORD_SCHEMA_VERSION, type VersionRecord } from './records';

export interface NewVersion {
  body: Record<string, unknown>;
  source: SnapshotSource;
  label?: string | undefined;
  changeId?: string | undefined;
  createdAt?: string | undefined;
}
type Report = (p: Omit<StoreProblem, 'at'>) => void;

/**
 * The history of one connection x site x target. Loaded lazily; the in-memory entry list is the
 * truth for listing, the files are the truth for content. Writes are serialized by the store.
 */
export class TargetHistory {
  readonly dir: string;
  private entries: IndexEntry[] = [];
  private skippedNewer: number[] = [];
  private maxNumber = 0;
  private readonly marks: MarksLog;
  private loaded = false;
  private indexDirty = false;

  constructor(
    root: string,
    readonly key: SnapshotKey,
    private readonly report: Report,
  ) {
    this.dir = targetDir(root, key);
    this.marks = new MarksLog(this.dir);
  }

  async load(): Promise<void> {
    if (this.loaded) return;
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      names = [];
    }
    await removeTempFiles(this.dir, names);
    this.maxNumber = Math.max(0, ...names.map((n) => Number(VERSION_NUMBERED.exec(n)?.[1] ?? 0)));
    const onDisk = new Map<number, string>();
    for (const n of names) {
      const m = VERSION_FILE.exec(n);
      if (m) onDisk.set(Number(m[1]), n);
    }
    const idx = await readIndex(this.dir);
    if (idx.state === 'broken')
      this.report({
        file: join(this.dir, 'index.json'),
        action: 'index_rebuilt',
        reason: idx.reason,
      });
    const indexed =
      idx.state === 'ok' ? idx.index.entries.filter((e) => onDisk.has(e.version)) : [];
    const skipped = new Set(
      idx.state === 'ok' ? idx.index.skippedNewer.filter((v) => onDisk.has(v)) : [],
    );
    const known = new Set(indexed.map((e) => e.version));
    const toRead = [...onDisk.keys()].filter((v) => !known.has(v) && !skipped.has(v));
    const read = await mapLimit(toRead, 32, (v) => this.readForIndex(v, onDisk.get(v)!));
    this.entries = [...indexed, ...read.filter((e): e is IndexEntry => e !== undefined)].sort(
      (a, b) => a.version - b.version,
    );
    this.skippedNewer = [...skipped, ...this.newlySkipped];
    await this.marks.load(this.report);
    this.loaded = true;
    if (idx.state !== 'ok' || toRead.length > 0 || indexed.length !== idx.index.entries.length)
      await this.flushIndex(true);
  }

  private newlySkipped: number[] = [];
  private async readForIndex(version: number, name: string): Promise<IndexEntry | undefined> {
    const r = await readVersion(this.dir, name, this.key, version);
    if (r.kind === 'ok') return entryOf(r.record, r.legacyKnownGood);
    if (r.kind === 'newer') {
      this.newlySkipped.push(version);
      this.report({ file: join(this.dir, name), action: 'skipped_newer', reason: r.reason });
    } else if (r.kind === 'corrupt') {
      const moved = await quarantine(join(this.dir, name));
      this.report({ file: moved, action: 'quarantined', reason: `version ${version} ${r.reason}` });
    }
    return undefined;
  }

  async flushIndex(force = false): Promise<void> {
    if (!force && !this.indexDirty) return;
    this.indexDirty = false;
    await writeIndex(this.dir, this.entries, this.skippedNewer);
  }
  get dirty(): boolean {
    return this.indexDirty;
  }

  /** Newest first, with known-good folded in from the marks log. */
  list(): SnapshotMeta[] {
    const marks = this.marks.state();
    const out: SnapshotMeta[] = [];
    for (let i = this.entries.length - 1; i >= 0; i--) out.push(this.meta(this.entries[i]!, marks));
    return out;
  }

  count(): number {
    return this.entries.length;
  }

  latest(): SnapshotMeta | undefined {
    const e = this.entries.at(-1);
    return e ? this.meta(e, this.marks.state()) : undefined;
  }

  /** The newest version currently marked known-good: drift and restore compare against it. */
  knownGood(): SnapshotMeta | undefined {
    const marks = this.marks.state();
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const m = this.meta(this.entries[i]!, marks);
      if (m.knownGood) return m;
    }
    return undefined;
  }

  metaOf(version: number): SnapshotMeta | undefined {
    const e = this.entries.find((x) => x.version === version);
    return e ? this.meta(e, this.marks.state()) : undefined;
  }

  private meta(e: IndexEntry, marks: ReturnType<MarksLog['state']>): SnapshotMeta {
    const mark = marks.get(e.version);
    const { legacyKnownGood, ...rest } = e;
    return {
      ...this.key,
      ...rest,
      knownGood: mark ? mark.knownGood : (legacyKnownGood ?? false),
      ...(mark ? { knownGoodAt: mark.at } : {}),
      ...(mark?.note ? { knownGoodNote: mark.note } : {}),
    };
  }

  /** Open one version, re-checking its file; a damaged file is quarantined and reported. */
  async get(version: number): Promise<Snapshot> {
    const meta = this.metaOf(version);
    if (!meta)
      fail('not_found', `Version ${version} of ${this.key.target} does not exist in this history.`);
    const name = versionFileName(version);
    const r = await readVersion(this.dir, name, this.key, version);
    if (r.kind === 'ok') return { ...meta, body: r.record.body };
    this.entries = this.entries.filter((e) => e.version !== version);
    this.indexDirty = true;
    if (r.kind === 'corrupt') {
      const moved = await quarantine(join(this.dir, name));
      this.report({ file: moved, action: 'quarantined', reason: `version ${version} ${r.reason}` });
      fail(
        'internal',
        `Version ${version} was damaged on disk and has been moved aside (${r.reason}). The other versions are intact.`,
      );
    }
    fail('not_found', `Version ${version} is no longer on disk.`);
  }

  findBySha(sha: string): SnapshotMeta | undefined {
    const e = this.entries.find((x) => x.sha256 === sha);
    return e ? this.meta(e, this.marks.state()) : undefined;
  }

  /**
   * Record a new version unless it equals the latest one (dedupe by hash): taking the same content
   * twice yields one version. Numbers are monotonic and never reused, even after a quarantine.
   */
  async append(
    input: NewVersion,
    now: () => Date,
  ): Promise<{ meta: SnapshotMeta; created: boolean }> {
    const sha256 = sha256Of(input.body);
    const last = this.entries.at(-1);
    if (last && last.sha256 === sha256)
      return { meta: this.meta(last, this.marks.state()), created: false };
    for (;;) {
      const version = this.maxNumber + 1;
      this.maxNumber = version;
      const record: VersionRecord = {
        schemaVersion: RECORD_SCHEMA_VERSION,
        ...this.key,
        version,
        sha256,
        createdAt: input.createdAt ?? now().toISOString(),
        source: input.source,
        ...(input.label ? { label: input.label } : {}),
        ...(input.changeId ? { changeId: input.changeId } : {}),
        body: input.body,
      };
      const r = await createImmutable(
        join(this.dir, versionFileName(version)),
        JSON.stringify(record),
      );
      if (r === 'exists') continue; // another process took the number: take the next one
      const entry = entryOf(record);
      this.entries.push(entry);
      this.indexDirty = true;
      return { meta: this.meta(entry, this.marks.state()), created: true };
    }
  }

  async mark(
    version: number,
    knownGood: boolean,
    note: string | undefined,
    now: () => Date,
  ): Promise<SnapshotMeta> {
    if (!this.metaOf(version))
      fail('not_found', `Version ${version} of ${this.key.target} does not exist in this history.`);
    await this.marks.append(version, knownGood, note, now().toISOString());
    return this.metaOf(version)!;
  }
}

function entryOf(r: VersionRecord, legacyKnownGood?: boolean): IndexEntry {
  return {
    version: r.version,
    sha256: r.sha256,
    createdAt: r.createdAt,
    source: r.source,
    ...(r.label !== undefined ? { label: r.label } : {}),
    ...(r.changeId !== undefined ? { changeId: r.changeId } : {}),
    ...(legacyKnownGood !== undefined ? { legacyKnownGood } : {}),
  };
}
