import type { Row } from './row';

/** At most this many marks per view: marks are for finding a few lines again, not for selection. */
export const MAX_MARKS = 500;

/** Lines the operator marked to come back to; a mark goes when its line leaves the buffer. */
export class Marks {
  private readonly set = new Set<Row>();

  has(row: Row): boolean {
    return this.set.has(row);
  }

  /** Marks or unmarks; false when the limit refused a new mark. */
  toggle(row: Row): boolean {
    if (this.set.delete(row)) return true;
    if (this.set.size >= MAX_MARKS) return false;
    this.set.add(row);
    return true;
  }

  drop(row: Row): void {
    this.set.delete(row);
  }

  rows(): IterableIterator<Row> {
    return this.set.values();
  }

  get size(): number {
    return this.set.size;
  }

  clear(): void {
    this.set.clear();
  }
}
