import type { RateLimitInfo } from '../../../shared/bridge/calls/api';

export type Refusal = 'budget' | 'rate_limit';

/**
 * The requests one search may make, shared by all its streams. Besides its own maximum it keeps a
 * reserve of the API's announced quota (X-RateLimit-*) for the live tails and the operator's
 * screens: a search never spends the last fifth of the remaining window.
 */
export class RequestBudget {
  private used = 0;
  private inFlight = 0;
  private rate: RateLimitInfo | undefined;

  constructor(
    readonly max: number,
    private readonly now: () => number,
    private readonly reserveShare = 0.2,
  ) {}

  get requests(): number {
    return this.used;
  }

  get rateLimit(): RateLimitInfo | undefined {
    return this.rate;
  }

  /** Claims one request, or says why not. Call `settle` when its answer (or failure) is in. */
  take(): Refusal | undefined {
    if (this.used >= this.max) return 'budget';
    const r = this.rate;
    const fresh = r && (!r.resetAt || Date.parse(r.resetAt) > this.now());
    if (r && fresh) {
      const reserve = Math.max(5, Math.ceil(r.limit * this.reserveShare));
      if (r.remaining - this.inFlight <= reserve) return 'rate_limit';
    }
    this.used++;
    this.inFlight++;
    return undefined;
  }

  settle(rate: RateLimitInfo | undefined): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (rate) this.rate = rate;
  }
}
