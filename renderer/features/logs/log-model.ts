import type { TailGap } from '../../../shared/bridge/calls/tail';
import type { LogEntry } from '../../../shared/contract/logs';
import { compileFilter, EMPTY_FILTER, type LogFilter } from './filter';
import { Marks } from './marks';
import { gapRow, TIME_BASE, toRow, type Row } from './row';
import { byTime, lowerBound, mergeInto, SortedRows } from './sorted-rows';
import { LogStats } from './stats';

export const DEFAULT_BUFFER = 100_000;

type Batch = { stream: string; entries: LogEntry[]; gaps?: TailGap[] | undefined; at: number };

/**
 * The data behind one log view, outside React: the rows in time order (a late batch from one
 * stream is merged where it belongs, not appended), the filtered index over them, marks and
 * incremental counters. Subscribers hear about changes at most once per animation frame, so React
 * renders once per frame however fast lines arrive.
 */
export class LogModel {
  readonly rows: SortedRows;
  readonly stats = new LogStats();
  readonly marks = new Marks();
  private filter: LogFilter = EMPTY_FILTER;
  private pred: (r: Row) => boolean = () => true;
  /** Rows passing the filter, in time order, from `viewStart`. */
  private view: Row[] = [];
  private viewStart = 0;
  private nextSeq = 0;
  /** Rows that entered the filtered view since the model was created (for "N new"). */
  appended = 0;
  /** Characters of the longest event name seen, so the event column can fit it. */
  longestEvent = 0;
  private held: Batch[] = [];
  private heldCount = 0;
  paused = false;
  lastFilterMs = 0;
  version = 0;
  private listeners = new Set<() => void>();
  private frame: unknown;

  constructor(
    capacity = DEFAULT_BUFFER,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.rows = new SortedRows(capacity);
  }

  ingest(stream: string, entries: LogEntry[], gaps?: TailGap[]): void {
    const batch: Batch = { stream, entries, gaps, at: this.now() };
    if (this.paused) {
      // Held, not dropped: resume shows them. Bounded by the buffer size like everything else.
      this.held.push(batch);
      this.heldCount += entries.length;
      while (this.heldCount > this.rows.capacity && this.held.length > 1)
        this.heldCount -= this.held.shift()!.entries.length;
      this.notify();
      return;
    }
    this.apply(batch);
    this.notify();
  }

  /** Older entries paged back on request ("jump to the last N minutes"); shown even while paused. */
  ingestHistory(stream: string, entries: LogEntry[]): void {
    this.apply({ stream, entries, at: this.now() });
    this.notify();
  }

  private apply({ stream, entries, gaps, at }: Batch): void {
    const rows: Row[] = new Array<Row>(entries.length);
    let n = 0;
    let ordered = true;
    const pending = gaps && gaps.length > 0 ? gaps.slice() : undefined;
    for (const e of entries) {
      if (pending) {
        const gi = pending.findIndex((g) => g.beforeId === e.id);
        if (gi >= 0) {
          const row = toRow(e, stream, 0, at);
          rows[n++] = gapRow(pending.splice(gi, 1)[0]!, stream, this.nextSeq++, at, row.t);
        }
      }
      const row = toRow(e, stream, this.nextSeq++, at);
      if (n > 0 && row.t < rows[n - 1]!.t) ordered = false;
      rows[n++] = row;
    }
    rows.length = n;
    const lastT = n > 0 ? rows[n - 1]!.t : at - TIME_BASE;
    for (const g of pending ?? []) rows.push(gapRow(g, stream, this.nextSeq++, at, lastT));
    // A stream's entries come oldest first; only a stream whose clock steps back needs a sort.
    if (!ordered) rows.sort(byTime);
    this.insert(rows);
  }

  private insert(rows: Row[]): void {
    if (rows.length === 0) return;
    const passing: Row[] = [];
    const pred = this.pred;
    for (const r of rows) {
      this.stats.add(r);
      if (r.event.length > this.longestEvent) this.longestEvent = r.event.length;
      if (pred(r)) passing.push(r);
    }
    mergeInto(this.view, this.viewStart, passing);
    this.appended += passing.length;
    for (const gone of this.rows.insert(rows)) {
      this.stats.remove(gone);
      if (this.marks.size > 0) this.marks.drop(gone);
      // The oldest rows go first, so a departing row that passes the filter heads the view.
      if (this.view[this.viewStart] === gone) this.viewStart++;
    }
    if (this.viewStart > 65_536 && this.viewStart > this.view.length / 2) {
      this.view = this.view.slice(this.viewStart);
      this.viewStart = 0;
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
    const view: Row[] = [];
    const pred = this.pred;
    this.rows.forEach((r) => {
      if (pred(r)) view.push(r);
    });
    this.view = view;
    this.viewStart = 0;
    this.lastFilterMs = performance.now() - t0;
    this.notify();
  }

  clear(): void {
    this.rows.clear();
    this.stats.clear();
    this.marks.clear();
    this.view = [];
    this.viewStart = 0;
    this.held = [];
    this.heldCount = 0;
    this.notify();
  }

  resize(capacity: number): void {
    if (capacity === this.rows.capacity) return;
    for (const gone of this.rows.resize(capacity)) this.marks.drop(gone);
    this.stats.clear();
    this.rows.forEach((r) => this.stats.add(r));
    this.setFilter(this.filter);
  }

  get viewLength(): number {
    return this.view.length - this.viewStart;
  }

  /** The i-th row of the filtered view, oldest first. */
  viewRow(i: number): Row | undefined {
    return i < 0 ? undefined : this.view[this.viewStart + i];
  }

  /** Index in the filtered view of `row`, or of the first row after it when it is not there. */
  indexAtOrAfter(row: Row): number {
    return lowerBound(this.view, this.viewStart, this.view.length, row) - this.viewStart;
  }

  /** Index in the filtered view of `row`, or -1. */
  indexOf(row: Row): number {
    const i = this.indexAtOrAfter(row);
    return this.viewRow(i) === row ? i : -1;
  }

  /** Index of the first row at or after time `ms` (since 1970). */
  indexAtTime(ms: number): number {
    return this.indexAtOrAfter({ t: ms - TIME_BASE, seq: -1 } as Row);
  }

  /** Whether the buffer still holds `row` (it may have been evicted or cleared). */
  holds(row: Row): boolean {
    return this.rows.has(row);
  }

  /** Visits the filtered rows oldest first (export). */
  forEachInView(fn: (r: Row) => void): void {
    for (let i = this.viewStart; i < this.view.length; i++) fn(this.view[i]!);
  }

  /** The next (dir 1) or previous (dir -1) marked row in the view from index `from`, or -1. */
  markIndex(from: number, dir: 1 | -1): number {
    let best = -1;
    for (const r of this.marks.rows()) {
      const i = this.indexOf(r);
      if (i < 0) continue;
      if (dir === 1 ? i > from && (best < 0 || i < best) : i < from && i > best) best = i;
    }
    return best;
  }

  toggleMark(row: Row): void {
    this.marks.toggle(row);
    this.notify();
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
        : setTimeout(run, 250);
  }
}
