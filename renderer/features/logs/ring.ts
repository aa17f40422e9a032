import type { Row } from './row';

/**
 * A fixed-capacity ring of rows addressed by `seq`. Appends and evictions are O(1); nothing is
 * ever copied or spliced, so a full buffer at 10,000 lines/s costs the same as an empty one.
 */
export class RowRing {
  private slots: (Row | undefined)[];
  private head = 0; // slot of the oldest row
  private count = 0;
  private nextSeq = 0;

  constructor(private cap: number) {
    this.slots = new Array<Row | undefined>(cap);
  }

  get capacity(): number {
    return this.cap;
  }
  get size(): number {
    return this.count;
  }
  /** Seq of the oldest retained row. */
  get firstSeq(): number {
    return this.nextSeq - this.count;
  }
  get endSeq(): number {
    return this.nextSeq;
  }

  /** Claims the next seq; the caller builds the row with it and pushes it. */
  take(): number {
    return this.nextSeq++;
  }

  /** Appends; returns the evicted row, if the ring was full. */
  push(row: Row): Row | undefined {
    let evicted: Row | undefined;
    if (this.count === this.cap) {
      evicted = this.slots[this.head];
      this.slots[this.head] = row;
      this.head = (this.head + 1) % this.cap;
    } else {
      this.slots[(this.head + this.count) % this.cap] = row;
      this.count++;
    }
    return evicted;
  }

  get(seq: number): Row | undefined {
    const i = seq - this.firstSeq;
    if (i < 0 || i >= this.count) return undefined;
    return this.slots[(this.head + i) % this.cap];
  }

  /** Oldest to newest. */
  forEach(fn: (row: Row) => void): void {
    for (let i = 0; i < this.count; i++) fn(this.slots[(this.head + i) % this.cap]!);
  }

  clear(): void {
    this.slots = new Array<Row | undefined>(this.cap);
    this.head = 0;
    this.count = 0;
  }

  resize(cap: number): void {
    const rows: Row[] = [];
    this.forEach((r) => rows.push(r));
    this.cap = cap;
    this.clear();
    for (const r of rows.slice(-cap)) this.push(r);
  }
}
