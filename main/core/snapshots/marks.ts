import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { StoreProblem } from '../../../shared/bridge/calls/snapshots-types';
import { quarantine } from '../../base/atomic-file';
import { createImmutable } from './immutable-file';
import { MARK_SCHEMA_VERSION, MarkRecord } from './records';

const MARK_FILE = /^(\d{6,})\.json$/;
const MARK_NUMBERED = /^(\d{6,})\.json/;

/**
 * The known-good flag is the only mutable fact about a version, so it lives outside the immutable
 * version files: each mark/unmark is its own immutable file in `marks/`, replayed in order.
 */
export class MarksLog {
  private readonly dir: string;
  marks: MarkRecord[] = [];
  private lastSeq = 0;

  constructor(targetDir: string) {
    this.dir = join(targetDir, 'marks');
  }

  async load(problem: (p: Omit<StoreProblem, 'at'>) => void): Promise<void> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      names = [];
    }
    this.lastSeq = Math.max(0, ...names.map((n) => Number(MARK_NUMBERED.exec(n)?.[1] ?? 0)));
    const marks: MarkRecord[] = [];
    for (const name of names.filter((n) => MARK_FILE.test(n))) {
      const path = join(this.dir, name);
      let reason: string;
      try {
        const p = MarkRecord.safeParse(JSON.parse(await fs.readFile(path, 'utf8')));
        if (p.success && p.data.seq === Number(MARK_FILE.exec(name)![1])) {
          marks.push(p.data);
          continue;
        }
        reason = 'does not match the known-good mark format';
      } catch {
        reason = 'is not valid JSON (truncated or corrupted)';
      }
      const moved = await quarantine(path);
      problem({ file: moved, action: 'quarantined', reason: `known-good mark ${reason}` });
    }
    this.marks = marks.sort((a, b) => a.seq - b.seq);
  }

  async append(
    version: number,
    knownGood: boolean,
    note: string | undefined,
    at: string,
  ): Promise<MarkRecord> {
    for (;;) {
      const seq = this.lastSeq + 1;
      const mark: MarkRecord = {
        schemaVersion: MARK_SCHEMA_VERSION,
        seq,
        version,
        knownGood,
        ...(note ? { note } : {}),
        at,
      };
      const r = await createImmutable(
        join(this.dir, `${String(seq).padStart(6, '0')}.json`),
        JSON.stringify(mark),
      );
      this.lastSeq = seq;
      if (r === 'created') {
        this.marks.push(mark);
        return mark;
      }
    }
  }

  /** version -> its current known-good state and the mark that set it. */
  state(): Map<number, MarkRecord> {
    const out = new Map<number, MarkRecord>();
    for (const m of this.marks) out.set(m.version, m);
    return out;
  }
}
