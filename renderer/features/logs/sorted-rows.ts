import type { Row } from './row';

/** The view's order: by time, then by arrival (equal timestamps keep the order they came in). */
export const byTime = (a: Row, b: Row): number => a.t - b.t || a.seq - b.seq;

/** First index in `arr[lo..hi)` whose row is not before `r`. */
export function lowerBound(arr: Row[], lo: number, hi: number, r: Row): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byTime(arr[mid]!, r) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const PUSH_CHUNK = 10_000;

/**
 * Inserts sorted `batch` into `arr[from..)` (sorted), keeping it sorted. A batch at or after the end
 * is appended; a late one is merged with only the rows after its first row, so the cost is the
 * lateness, not the size of the buffer. Returns the index where `arr` changed.
 */
export function mergeInto(arr: Row[], from: number, batch: Row[]): number {
  if (batch.length === 0) return arr.length;
  const at = arr.length === from ? from : lowerBound(arr, from, arr.length, batch[0]!);
  const tail = at === arr.length ? [] : arr.splice(at);
  let merged: Row[] = batch;
  if (tail.length > 0) {
    merged = new Array<Row>(tail.length + batch.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < tail.length && j < batch.length)
      merged[k++] = byTime(tail[i]!, batch[j]!) <= 0 ? tail[i++]! : batch[j++]!;
    while (i < tail.length) merged[k++] = tail[i++]!;
    while (j < batch.length) merged[k++] = batch[j++]!;
  }
  for (let c = 0; c < merged.length; c += PUSH_CHUNK) arr.push(...merged.slice(c, c + PUSH_CHUNK));
  return at;
}

/**
 * The rows of a view, in time order, bounded: the oldest go first when it is full. Appending in
 * order costs O(1); a late batch is merged where it belongs (O(lateness)); eviction moves a start
 * index and compacts now and then, so nothing is shifted per line.
 */
export class SortedRows {
  private rows: Row[] = [];
  private start = 0;

  constructor(private cap: number) {}

  get capacity(): number {
    return this.cap;
  }
  get size(): number {
    return this.rows.length - this.start;
  }

  at(i: number): Row | undefined {
    return i < 0 ? undefined : this.rows[this.start + i];
  }

  last(): Row | undefined {
    return this.rows[this.rows.length - 1];
  }

  /** Inserts a batch sorted by time; returns the rows evicted to stay within capacity, oldest first. */
  insert(batch: Row[]): Row[] {
    mergeInto(this.rows, this.start, batch);
    const evicted: Row[] = [];
    while (this.size > this.cap) {
      evicted.push(this.rows[this.start]!);
      this.start++;
    }
    if (this.start > 65_536 && this.start > this.rows.length / 2) {
      this.rows = this.rows.slice(this.start);
      this.start = 0;
    }
    return evicted;
  }

  /** Oldest to newest. */
  forEach(fn: (row: Row) => void): void {
    for (let i = this.start; i < this.rows.length; i++) fn(this.rows[i]!);
  }

  has(row: Row): boolean {
    const i = lowerBound(this.rows, this.start, this.rows.length, row);
    return this.rows[i] === row;
  }

  clear(): void {
    this.rows = [];
    this.start = 0;
  }

  /** New capacity; returns what no longer fits (the oldest). */
  resize(cap: number): Row[] {
    this.cap = cap;
    return this.insert([]);
  }
}
