import type { TailGap } from '../../../shared/bridge/calls/tail';
import type { LogEntry } from '../../../shared/contract/logs';
import { compileFilter, EMPTY_FILTER, type LogFilter } from './filter';
import { RowRing } from './ring';
import { gapRow, toRow, type Row } from './row';
import { LogStats } from './stats';

export const DEFAULT_BUFFER = 100_000;

type Batch = { stream: string; entries: LogEntry[]; gaps?: TailGap[] | undefined; at: number };

/**
 * The data behind one log view, outside React: a ring buffer, the filtered index over it, and
 * incremental counters. Batches are ingested as they come; subscribers hear about it at most once
 * per animation frame, so React renders once per frame however fast lines arrive.
 */
export class LogModel {
  readonly ring: RowRing;
  readonly stats = new LogStats();
  private filter: LogFilter = EMPTY_FILTER;
  private pred: (r: Row) => boolean = () => true;
  /** Seqs of rows passing the filter, oldest first, from `viewStart`. */
  private view: number[] = [];
  private viewStart = 0;
  /** Rows that entered the filtered view since the model was created (for "N new"). */
  appended = 0;
  private held: Batch[] = [];
  private heldCount = 0;
  paused = false;
  lastFilterMs = 0;
  version = 0;
  private listeners = new Set<() => void>();
  private frame: number | undefined;

  constructor(
    capacity = DEFAULT_BUFFER,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.ring = new RowRing(capacity);
  }

  ingest(stream: string, entries: LogEntry[], gaps?: TailGap[]): void {
    const batch: Batch = { stream, entries, gaps, at: this.now() };
    if (this.paused) {
      // Held, not dropped: resume shows them. Bounded by the buffer size like everything else.
      this.held.push(batch);
      this.heldCount += entries.length;
      while (this.heldCount > this.ring.capacity && this.held.length > 1)
        this.heldCount -= this.held.shift()!.entries.length;
      this.notify();
      return;
    }
    this.apply(batch);
    this.notify();
  }

  private apply({ stream, entries, gaps, at }: Batch): void {
    let pendingGaps = gaps && gaps.length > 0 ? gaps.slice() : undefined;
    for (const e of entries) {
      if (pendingGaps) {
        const gi = pendingGaps.findIndex((g) => g.beforeId === e.id);
        if (gi >= 0) {
          this.append(gapRow(pendingGaps[gi]!, stream, this.ring.take(), at));
          pendingGaps.splice(gi, 1);
          if (pendingGaps.length === 0) pendingGaps = undefined;
        }
      }
      this.append(toRow(e, stream, this.ring.take(), at));
    }
    for (const g of pendingGaps ?? []) this.append(gapRow(g, stream, this.ring.take(), at));
  }

  private append(row: Row): void {
    const evicted = this.ring.push(row);
    if (evicted) {
      this.stats.remove(evicted);
      if (this.view[this.viewStart] === evicted.seq) this.viewStart++;
      // Compact now and then instead of shifting on every eviction.
      if (this.viewStart > 65_536 && this.viewStart > this.view.length / 2) {
        this.view = this.view.slice(this.viewStart);
        this.viewStart = 0;
      }
    }
    this.stats.add(row);
    if (this.pred(row)) {
      this.view.push(row.seq);
      this.appended++;
    }
  }

  get heldEntries(): number {
    return this.heldCount;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) {
      for (const b of this.held) this.apply(b);
      this.held = [];
      this.heldCount = 0;
    }
    this.notify();
  }

  getFilter(): LogFilter {
    return this.filter;
  }

  /** Recomputes the filtered view over the whole buffer; the time taken is kept for display. */
  setFilter(f: LogFilter): void {
    const t0 = performance.now();
    this.filter = f;
    this.pred = compileFilter(f);
    const view: number[] = [];
    const pred = this.pred;
    this.ring.forEach((r) => {
      if (pred(r)) view.push(r.seq);
    });
    this.view = view;
    this.viewStart = 0;
    this.lastFilterMs = performance.now() - t0;
    this.notify();
  }

  clear(): void {
    this.ring.clear();
    this.stats.clear();
    this.view = [];
    this.viewStart = 0;
    this.held = [];
    this.heldCount = 0;
    this.notify();
  }

  resize(capacity: number): void {
    if (capacity === this.ring.capacity) return;
    this.ring.resize(capacity);
    this.stats.clear();
    this.ring.forEach((r) => this.stats.add(r));
    this.setFilter(this.filter);
  }

  get viewLength(): number {
    return this.view.length - this.viewStart;
  }

  /** The i-th row of the filtered view, oldest first. */
  viewRow(i: number): Row | undefined {
    const seq = this.view[this.viewStart + i];
    return seq === undefined ? undefined : this.ring.get(seq);
  }

  /** Index in the filtered view of the row with `seq`, or of the first row after it (seqs are sorted). */
  indexOfSeq(seq: number): number {
    let lo = this.viewStart;
    let hi = this.view.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.view[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo - this.viewStart;
  }

  /** Visits the filtered rows oldest first (export). */
  forEachInView(fn: (r: Row) => void): void {
    for (let i = this.viewStart; i < this.view.length; i++) {
      const r = this.ring.get(this.view[i]!);
      if (r) fn(r);
    }
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getVersion = (): number => this.version;

  private notify(): void {
    if (this.frame !== undefined) return;
    const run = () => {
      this.frame = undefined;
      this.version++;
      for (const l of this.listeners) l();
    };
    // One render per frame at most; a hidden window gets a slow timer instead of no update.
    this.frame =
      typeof requestAnimationFrame === 'function' && !document.hidden
        ? requestAnimationFrame(run)
        : window.setTimeout(run, 250);
  }
}
