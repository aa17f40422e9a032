/**
 * When the next poll is due. Pure, so the backoff rules are tested without a clock:
 * 1 s while entries arrive, x1.5 per idle poll up to 10 s, slower still while the window is
 * hidden, exponential after failures, and never before a rate limit's retry time.
 */
export interface CadenceOptions {
  activeMs: number;
  idleMaxMs: number;
  idleFactor: number;
  hiddenMinMs: number;
  hiddenMaxMs: number;
  errorBaseMs: number;
  errorMaxMs: number;
}

export const DEFAULT_CADENCE: CadenceOptions = {
  activeMs: 1000,
  idleMaxMs: 10_000,
  idleFactor: 1.5,
  hiddenMinMs: 5000,
  hiddenMaxMs: 30_000,
  errorBaseMs: 2000,
  errorMaxMs: 60_000,
};

export type PollOutcome =
  | { kind: 'entries' }
  | { kind: 'idle' }
  | { kind: 'error' }
  | { kind: 'rate_limited'; retryAtMs: number | undefined };

export class Cadence {
  private intervalMs: number;
  private failures = 0;

  constructor(private readonly opts: CadenceOptions = DEFAULT_CADENCE) {
    this.intervalMs = opts.activeMs;
  }

  /** Milliseconds from `now` until the next poll, after `outcome`. */
  next(outcome: PollOutcome, hidden: boolean, now: number): number {
    const o = this.opts;
    if (outcome.kind === 'entries' || outcome.kind === 'idle') this.failures = 0;
    if (outcome.kind === 'entries') this.intervalMs = o.activeMs;
    if (outcome.kind === 'idle')
      this.intervalMs = Math.min(o.idleMaxMs, this.intervalMs * o.idleFactor);
    let wait = this.intervalMs;
    if (outcome.kind === 'error' || outcome.kind === 'rate_limited') {
      this.failures++;
      wait = Math.min(o.errorMaxMs, o.errorBaseMs * 2 ** (this.failures - 1));
    }
    if (outcome.kind === 'rate_limited' && outcome.retryAtMs !== undefined) {
      // The server said when; waiting less would only earn another 429.
      wait = Math.max(wait, outcome.retryAtMs - now);
    }
    if (hidden)
      wait = Math.min(
        Math.max(wait, o.hiddenMinMs, this.intervalMs * 3),
        Math.max(o.hiddenMaxMs, wait),
      );
    return Math.round(wait);
  }
}
