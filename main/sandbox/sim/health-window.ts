/**
 * Sliding-window counters in one-second buckets (default five minutes): O(1) to record, O(buckets)
 * to sum, memory independent of traffic.
 */
export type Counter =
  | 'sent'
  | 'failed'
  | 'retried'
  | 'filtered'
  | 'skipped'
  | 'testMode'
  | 'authFailed'
  | 'throttled'
  | 'serverError';
const COUNTERS: readonly Counter[] = [
  'sent',
  'failed',
  'retried',
  'filtered',
  'skipped',
  'testMode',
  'authFailed',
  'throttled',
  'serverError',
];

export type WindowCounts = Record<Counter, number>;

export class HealthWindow {
  private readonly buckets: { second: number; counts: WindowCounts }[];
  lastSuccessAt: string | null = null;
  lastErrorAt: string | null = null;
  lastError: { code: string; message: string } | null = null;
  /** Whether the last delivery attempt was an auth failure; cleared by the next success. */
  authFailing = false;

  constructor(
    readonly minutes = 5,
    private readonly now: () => number = Date.now,
  ) {
    this.buckets = Array.from({ length: minutes * 60 }, () => ({ second: -1, counts: zero() }));
  }

  record(counter: Counter, n = 1): void {
    const second = Math.floor(this.now() / 1000);
    const b = this.buckets[second % this.buckets.length] as {
      second: number;
      counts: WindowCounts;
    };
    if (b.second !== second) {
      b.second = second;
      b.counts = zero();
    }
    b.counts[counter] += n;
  }

  success(): void {
    this.lastSuccessAt = new Date(this.now()).toISOString();
    this.authFailing = false;
  }

  error(code: string, message: string, auth: boolean): void {
    this.lastErrorAt = new Date(this.now()).toISOString();
    this.lastError = { code, message };
    if (auth) this.authFailing = true;
  }

  counts(): WindowCounts {
    const oldest = Math.floor(this.now() / 1000) - this.buckets.length + 1;
    const sum = zero();
    for (const b of this.buckets) {
      if (b.second < oldest) continue;
      for (const c of COUNTERS) sum[c] += b.counts[c];
    }
    return sum;
  }
}

/** All counters at zero. */
export function zero(): WindowCounts {
  return {
    sent: 0,
    failed: 0,
    retried: 0,
    filtered: 0,
    skipped: 0,
    testMode: 0,
    authFailed: 0,
    throttled: 0,
    serverError: 0,
  };
}
