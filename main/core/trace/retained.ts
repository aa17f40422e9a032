import type { LogEntry } from '../../../shared/contract/logs';
import type { RetainFeed } from '../tail/tail';

export interface RetainedOptions {
  /** Entries kept per stream (the newest). */
  perStream: number;
  /** Entries kept over all streams; the stream fed least recently gives way first. */
  total: number;
  /** A run nobody feeds any more is dropped after this long. */
  idleMs: number;
  now(): number;
}

export const DEFAULT_RETAINED: Omit<RetainedOptions, 'now'> = {
  perStream: 20_000,
  total: 80_000,
  idleMs: 30 * 60_000,
};

interface Run {
  /** Ascending ids, contiguous: no entry of the stream between the first and the last is missing. */
  entries: LogEntry[];
  feeder: object | undefined;
  fedAt: number;
}

/**
 * What the live tails have already fetched, per stream, so a trace searches it before spending
 * requests. A run is only ever one contiguous stretch of the stream (the guarantee a search relies
 * on to skip it when paging the API): a gap reported by the tail, or a new tail that does not
 * overlap it, starts a new run instead of extending the old one.
 */
export class RetainedLogs {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly o: RetainedOptions) {}

  /** A feed for one tail of the stream `key`; the tail closes it when it stops. */
  feed(key: string): RetainFeed {
    const token = {};
    return {
      push: (entries, gap) => this.push(key, token, entries, gap),
      close: () => {
        const run = this.runs.get(key);
        if (run?.feeder === token) run.feeder = undefined;
      },
    };
  }

  /** The run of a stream as it is now (a copy of the list, so feeding can go on meanwhile). */
  snapshot(key: string): LogEntry[] {
    const run = this.runs.get(key);
    if (!run) return [];
    if (!run.feeder && this.o.now() - run.fedAt > this.o.idleMs) {
      this.runs.delete(key);
      return [];
    }
    return run.entries.slice();
  }

  get size(): number {
    let n = 0;
    for (const r of this.runs.values()) n += r.entries.length;
    return n;
  }

  private push(key: string, token: object, entries: LogEntry[], gap: boolean): void {
    const run = this.runs.get(key);
    const now = this.o.now();
    if (!run) {
      if (entries.length > 0)
        this.runs.set(key, { entries: entries.slice(), feeder: token, fedAt: now });
      this.trim(key);
      return;
    }
    if (run.feeder !== token) {
      // Another tail feeds this stream: leave it be, unless it went away.
      if (run.feeder) return;
      const first = entries[0];
      const last = run.entries[run.entries.length - 1];
      // Overlapping the old run proves the union is contiguous; otherwise start over.
      if (gap || !first || !last || first.id > last.id) run.entries = [];
      run.feeder = token;
    } else if (gap) {
      run.entries = [];
    }
    const lastId = run.entries[run.entries.length - 1]?.id ?? -1;
    for (const e of entries) if (e.id > lastId) run.entries.push(e);
    run.fedAt = now;
    this.trim(key);
  }

  private trim(fedKey: string): void {
    const run = this.runs.get(fedKey);
    if (run && run.entries.length > this.o.perStream)
      run.entries.splice(0, run.entries.length - this.o.perStream);
    let excess = this.size - this.o.total;
    if (excess <= 0) return;
    const byAge = [...this.runs.entries()].sort((a, b) => a[1].fedAt - b[1].fedAt);
    for (const [key, r] of byAge) {
      if (excess <= 0) break;
      const drop = Math.min(excess, r.entries.length);
      r.entries.splice(0, drop);
      excess -= drop;
      if (r.entries.length === 0 && !r.feeder) this.runs.delete(key);
    }
  }
}
