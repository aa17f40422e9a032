import { TIME_BASE, type Row } from './row';

export const BUCKET_MS = 5000;
export const BUCKETS = 60;
/** Buckets older than this behind the newest are forgotten (the chart shows 5 minutes). */
const KEEP_MS = 2 * BUCKETS * BUCKET_MS;

export interface Bucket {
  start: number;
  sent: number;
  failed: number;
  filtered: number;
}

type Charted = 'sent' | 'failed' | 'filtered';
const charted = (s: string): s is Charted => s === 'sent' || s === 'failed' || s === 'filtered';

/**
 * Counters kept incrementally as rows enter and leave the buffer, so the header and the failed
 * deliveries panel never rescan 100,000 rows: per status, per error code of final failures, and
 * sent / failed / filtered per 5 s for the live chart. The chart buckets lines by their own
 * timestamps: history fetched at start (or by "jump to") lands where it happened, never as one
 * spike at the moment it arrived.
 */
export class LogStats {
  readonly byStatus = new Map<string, number>();
  readonly failedByCode = new Map<string, number>();
  private buckets = new Map<number, Bucket>();
  private newest = Number.NEGATIVE_INFINITY;

  add(r: Row): void {
    this.byStatus.set(r.status, (this.byStatus.get(r.status) ?? 0) + 1);
    if (r.status === 'failed')
      this.failedByCode.set(
        r.code || 'unknown',
        (this.failedByCode.get(r.code || 'unknown') ?? 0) + 1,
      );
    if (!charted(r.status)) return;
    const ms = r.t + TIME_BASE;
    const start = ms - (ms % BUCKET_MS);
    if (start < this.newest - KEEP_MS) return;
    let b = this.buckets.get(start);
    if (!b) {
      b = { start, sent: 0, failed: 0, filtered: 0 };
      this.buckets.set(start, b);
      if (start > this.newest) {
        this.newest = start;
        if (this.buckets.size > (KEEP_MS / BUCKET_MS) * 1.5) this.prune();
      }
    }
    b[r.status]++;
  }

  remove(r: Row): void {
    this.byStatus.set(r.status, (this.byStatus.get(r.status) ?? 1) - 1);
    if (r.status === 'failed') {
      const code = r.code || 'unknown';
      const n = (this.failedByCode.get(code) ?? 1) - 1;
      if (n > 0) this.failedByCode.set(code, n);
      else this.failedByCode.delete(code);
    }
    if (!charted(r.status)) return;
    const ms = r.t + TIME_BASE;
    const b = this.buckets.get(ms - (ms % BUCKET_MS));
    if (b && b[r.status] > 0) b[r.status]--;
  }

  private prune(): void {
    for (const start of this.buckets.keys())
      if (start < this.newest - KEEP_MS) this.buckets.delete(start);
  }

  /** The last BUCKETS intervals up to `now`, empty ones included (a flat line means silence). */
  series(now: number): Bucket[] {
    const end = now - (now % BUCKET_MS);
    const out: Bucket[] = [];
    for (let i = BUCKETS - 1; i >= 0; i--) {
      const start = end - i * BUCKET_MS;
      out.push(this.buckets.get(start) ?? { start, sent: 0, failed: 0, filtered: 0 });
    }
    return out;
  }

  clear(): void {
    this.byStatus.clear();
    this.failedByCode.clear();
    this.buckets = new Map();
    this.newest = Number.NEGATIVE_INFINITY;
  }
}
