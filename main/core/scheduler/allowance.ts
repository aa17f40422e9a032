import type { RateSignal } from './rate-headers';

/** Tuning of one connection's allowance; the defaults suit an API that announces its limit. */
export interface AllowanceConfig {
  /** Requests per window assumed until the API announces its own (and after 429s without one). */
  fallbackLimit: number;
  /** Window length assumed until the API's Reset header shows a longer one. */
  windowMs: number;
  /** How much of the rate may be spent at once (the bucket's depth, as time). */
  burstMs: number;
  /**
   * How much an operator's own calls may spend at once. A trace pages back through 40-50 log pages
   * in one go; at the 1 s depth it crawled at the API's average pace (4-5 s at 600/min) although
   * the API's window had room for all of them. Quiet requests stay paced by their own bucket, and
   * the server's remaining count still guards the window.
   */
  interactiveBurstMs: number;
}

export const DEFAULT_ALLOWANCE: AllowanceConfig = {
  fallbackLimit: 300,
  windowMs: 60_000,
  burstMs: 1_000,
  interactiveBurstMs: 20_000,
};

/**
 * The arithmetic of one connection's request budget: a token bucket refilled at the API's rate,
 * a second, slower bucket that paces the non-interactive share, the server's own count of what is
 * left in its window, and a 429's Retry-After. Pure state; the queue around it lives elsewhere.
 */
export class Allowance {
  limit: number | undefined;
  windowMs: number;
  private fallback: number;
  private tokens: number;
  private paced = 1;
  private refilledAt: number;
  private serverRemaining: number | undefined;
  private resetAt = 0;
  blockedUntil = 0;
  /** Set once any answer arrived: until then one request probes alone. */
  learned = false;

  constructor(
    private readonly config: AllowanceConfig,
    now: number,
  ) {
    this.windowMs = config.windowMs;
    this.fallback = config.fallbackLimit;
    this.refilledAt = now;
    // A new connection starts with its burst; the server's own count guards the window.
    this.tokens = this.interactiveCapacity();
  }

  /** Requests per millisecond. */
  rate(): number {
    return (this.limit ?? this.fallback) / this.windowMs;
  }

  /**
   * At least two requests deep: a non-interactive request needs one token plus the reserve's share
   * of the bucket, which a one-token bucket (any limit under 120/min at a half reserve) can never
   * hold, so background and bulk calls waited forever.
   */
  capacity(): number {
    return Math.max(2, this.rate() * this.config.burstMs);
  }

  /** The bucket's real depth: interactive calls may use all of it, quiet ones only `capacity()`. */
  interactiveCapacity(): number {
    return Math.max(this.capacity(), this.rate() * this.config.interactiveBurstMs);
  }

  refill(now: number, reserve: number): void {
    const dt = Math.max(0, now - this.refilledAt);
    this.refilledAt = now;
    this.tokens = Math.min(this.interactiveCapacity(), this.tokens + dt * this.rate());
    this.paced = Math.min(1, this.paced + dt * this.rate() * (1 - reserve));
    if (this.serverRemaining !== undefined && now >= this.resetAt) this.serverRemaining = undefined;
  }

  /**
   * How long (ms) a request of this class must still wait; 0 = now. `inFlight` requests may not be
   * in the server's count yet, so they are subtracted from what it said is left.
   */
  waitMs(now: number, interactive: boolean, reserve: number, inFlight: number): number {
    if (now < this.blockedUntil) return this.blockedUntil - now;
    const keep = interactive ? 0 : Math.ceil(reserve * this.capacity());
    if (this.serverRemaining !== undefined && this.serverRemaining - inFlight < 1 + keep)
      return Math.max(1, this.resetAt - now);
    const rate = this.rate();
    const need = 1 + (interactive ? 0 : reserve * this.capacity());
    let wait = this.tokens >= need ? 0 : (need - this.tokens) / rate;
    if (!interactive && this.paced < 1)
      wait = Math.max(wait, (1 - this.paced) / (rate * Math.max(0.05, 1 - reserve)));
    return Math.ceil(wait);
  }

  take(interactive: boolean): void {
    this.tokens -= 1;
    if (!interactive) this.paced -= 1;
  }

  /** Learns from an answer's rate headers and honours a 429. */
  observe(signal: RateSignal, status: number, now: number): void {
    this.learned = true;
    if (signal.limit !== undefined && signal.limit !== this.limit) {
      const before = this.interactiveCapacity();
      this.limit = signal.limit;
      // The bucket stays as full as it was: a limit above the assumed one is room we really have.
      if (this.tokens > 0) this.tokens = (this.tokens / before) * this.interactiveCapacity();
    }
    if (signal.resetInMs !== undefined && signal.resetInMs > this.windowMs)
      this.windowMs = Math.ceil(signal.resetInMs / 1000) * 1000;
    if (signal.remaining !== undefined && signal.resetAt !== undefined) {
      // A reset more than a second later than the one we hold starts a new window.
      const newWindow = this.serverRemaining === undefined || signal.resetAt > this.resetAt + 1000;
      this.serverRemaining = newWindow
        ? signal.remaining
        : Math.min(this.serverRemaining ?? signal.remaining, signal.remaining);
      this.resetAt = newWindow ? signal.resetAt : Math.max(this.resetAt, signal.resetAt);
    }
    if (status !== 429) return;
    const until = signal.retryAt ?? signal.resetAt ?? now + 1000;
    this.blockedUntil = Math.max(this.blockedUntil, until);
    // An API that limits without saying its limit: slow down (multiplicative decrease).
    if (signal.limit === undefined) this.fallback = Math.max(6, Math.floor(this.fallback * 0.7));
    this.tokens = Math.min(this.tokens, 0);
  }

  view(now: number) {
    return {
      limit: this.limit,
      windowMs: this.windowMs,
      perMinute: Math.round(this.rate() * 60_000),
      serverRemaining: this.serverRemaining,
      blockedForMs: Math.max(0, this.blockedUntil - now),
    };
  }
}
