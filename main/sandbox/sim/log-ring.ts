import type { LogEntry } from '../../../shared/contract/logs';

/** The declared fields of a loose zod type (Omit on an index-signature type would erase them). */
export type Known<T> = {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};
export type NewLogEntry = Omit<Known<LogEntry>, 'id'>;

/**
 * A bounded log stream: a fixed array used as a ring, ids monotonic for the stream's lifetime.
 * `page` reads newest first and touches only `limit` slots, whatever the offset, because the slot
 * of the n-th newest entry is computed directly.
 */
export class LogRing {
  private readonly slots: (LogEntry | undefined)[];
  private nextId = 1;
  private size = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error('log ring capacity must be a positive integer');
    this.slots = new Array<LogEntry | undefined>(capacity);
  }

  push(entry: NewLogEntry): LogEntry {
    const full: LogEntry = { id: this.nextId, ...entry };
    this.slots[(this.nextId - 1) % this.capacity] = full;
    this.nextId++;
    if (this.size < this.capacity) this.size++;
    return full;
  }

  get total(): number {
    return this.size;
  }

  get lastId(): number {
    return this.nextId - 1;
  }

  page(offset: number, limit: number): LogEntry[] {
    const out: LogEntry[] = [];
    const newest = this.nextId - 1;
    for (let i = 0; i < limit; i++) {
      const n = offset + i;
      if (n >= this.size) break;
      const id = newest - n;
      const e = this.slots[(id - 1) % this.capacity];
      if (e) out.push(e);
    }
    return out;
  }
}
