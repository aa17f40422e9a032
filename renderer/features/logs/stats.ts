import type { Row } from './row';

export const BUCKET_MS = 5000;
export const BUCKETS = 60;

export interface Bucket {
  start: number;
  sent: number;
  failed: number;
  filtered: number;
}

/**
 * Counters kept incrementally as rows enter and leave the buffer, so the header and the failed
 * deliveries panel never rescan 100,000 rows: per status, per error code of final failures, and
 * sent / failed / filtered per 5 s of arrival for the live chart.
 */
export class LogStats {
  readonly byStatus = new Map<string, number>();
  readonly failedByCode = new Map<string, number>();
  private buckets: Bucket[] = [];

  add(r: Row): void {
    this.byStatus.set(r.status, (this.byStatus.get(r.status) ?? 0) + 1);
    if (r.status === 'failed')
      this.failedByCode.set(
        r.code || 'unknown',
        (this.failedByCode.get(r.code || 'unknown') ?? 0) + 1,
      );
    if (r.status !== 'sent' && r.status !== 'failed' && r.status !== 'filtered') return;
    const start = r.at - (r.at % BUCKET_MS);
    let b = this.buckets[this.buckets.length - 1];
    if (!b || b.start !== start) {
      if (b && start < b.start) return; // clock went back: keep the chart monotonic
      b = { start, sent: 0, failed: 0, filtered: 0 };
      this.buckets.push(b);
      if (this.buckets.length > BUCKETS * 2) this.buckets = this.buckets.slice(-BUCKETS);
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
  }

  /** The last BUCKETS intervals up to `now`, empty ones included (a flat line means silence). */
  series(now: number): Bucket[] {
    const end = now - (now % BUCKET_MS);
    const byStart = new Map(this.buckets.map((b) => [b.start, b]));
    const out: Bucket[] = [];
    for (let i = BUCKETS - 1; i >= 0; i--) {
      const start = end - i * BUCKET_MS;
      out.push(byStart.get(start) ?? { start, sent: 0, failed: 0, filtered: 0 });
    }
    return out;
  }

  clear(): void {
    this.byStatus.clear();
    this.failedByCode.clear();
    this.buckets = [];
  }
}
