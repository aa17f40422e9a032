import type { Clock } from '../../base/clock';
import { Allowance, DEFAULT_ALLOWANCE, type AllowanceConfig } from './allowance';
import { PRIORITIES, type Priority } from './priority';
import { readRateSignal } from './rate-headers';

export interface BudgetOptions extends AllowanceConfig {
  /** Non-interactive requests in flight at once: sockets stay free for the operator's calls. */
  maxQuietInFlight: number;
}

/** One granted request; hand it back to `settle` exactly once. */
export interface Lease {
  readonly priority: Priority;
  settled: boolean;
}

interface Waiter {
  priority: Priority;
  /** Longer than this behind a 429's Retry-After: refused with `RateLimitedUntil` instead. */
  maxWaitMs: number;
  grant(lease: Lease): void;
  refuse(error: Error): void;
}

/** The API asked everyone to wait (429 Retry-After) longer than this caller is willing to. */
export class RateLimitedUntil extends Error {
  constructor(readonly retryAt: number) {
    super(`The API asked to wait until ${new Date(retryAt).toISOString()}.`);
    this.name = 'RateLimitedUntil';
  }
}

export interface BudgetView {
  limit: number | undefined;
  perMinute: number;
  windowMs: number;
  serverRemaining: number | undefined;
  blockedForMs: number;
  reserve: number;
  inFlight: number;
  waiting: Record<Priority, number>;
  sent: Record<Priority, number>;
  rateLimited: number;
}

const zero = (): Record<Priority, number> => ({ interactive: 0, bulk: 0, background: 0 });

/**
 * The per-connection request scheduler: every API request of the connection waits here for its
 * turn. The budget comes from the API's X-RateLimit-* headers, a 429's Retry-After stops
 * everyone until then, and a reserve of the rate is kept for interactive calls: bulk and
 * background requests are paced at (1 - reserve) of it and never take the last tokens.
 */
export class RequestBudget {
  private readonly allowance: Allowance;
  private readonly queues: Record<Priority, Waiter[]> = {
    interactive: [],
    bulk: [],
    background: [],
  };
  private inFlight = 0;
  private quietInFlight = 0;
  private reserve = 0.1;
  private timer: unknown;
  private timerAt = Infinity;
  private readonly sent = zero();
  private rateLimited = 0;
  private readonly options: BudgetOptions;

  constructor(
    private readonly clock: Clock,
    options: Partial<BudgetOptions> = {},
  ) {
    this.options = { ...DEFAULT_ALLOWANCE, maxQuietInFlight: 4, ...options };
    this.allowance = new Allowance(this.options, clock.now());
  }

  /** The share of the rate kept for interactive calls (0.1 while a fleet loads, 0.5 after). */
  setReserve(fraction: number): void {
    this.reserve = Math.min(0.9, Math.max(0, fraction));
    this.pump();
  }

  acquire(priority: Priority, signal?: AbortSignal, maxWaitMs = Infinity): Promise<Lease> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const waiter: Waiter = {
        priority,
        maxWaitMs,
        grant: (lease) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(lease);
        },
        refuse: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        const q = this.queues[priority];
        const at = q.indexOf(waiter);
        if (at >= 0) q.splice(at, 1);
        reject(abortReason(signal));
        this.pump();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queues[priority].push(waiter);
      this.pump();
    });
  }

  /** The answer's status and headers, or nothing when the request failed before an answer. */
  settle(
    lease: Lease,
    answer?: { status: number; headers: Record<string, string | undefined> },
  ): void {
    if (lease.settled) return;
    lease.settled = true;
    this.inFlight--;
    if (lease.priority !== 'interactive') this.quietInFlight--;
    const now = this.clock.now();
    if (answer) {
      this.allowance.observe(
        readRateSignal(answer.status, answer.headers, now),
        answer.status,
        now,
      );
      if (answer.status === 429) this.rateLimited++;
    } else this.allowance.learned = true;
    this.pump();
  }

  private pump(): void {
    const now = this.clock.now();
    this.allowance.refill(now, this.reserve);
    this.refuseImpatient(now);
    let wake = Infinity;
    for (const priority of PRIORITIES) {
      const queue = this.queues[priority];
      const interactive = priority === 'interactive';
      while (queue.length) {
        // Until the API has answered once, one request probes alone (its headers set the pace).
        if (!this.allowance.learned && this.inFlight > 0) return this.arm(now + 1000);
        if (!interactive && this.quietInFlight >= this.options.maxQuietInFlight) break;
        const wait = this.allowance.waitMs(now, interactive, this.reserve, this.inFlight);
        if (wait > 0) {
          wake = Math.min(wake, now + wait);
          break;
        }
        this.allowance.take(interactive);
        this.inFlight++;
        if (!interactive) this.quietInFlight++;
        this.sent[priority]++;
        queue.shift()!.grant({ priority, settled: false });
      }
      // Strict priority: nothing quieter goes while a louder class is still waiting.
      if (queue.length) break;
    }
    if (wake < Infinity) this.arm(wake);
  }

  /** Callers who will not wait out a 429's Retry-After get a refusal now, not a late answer. */
  private refuseImpatient(now: number): void {
    const blocked = this.allowance.blockedUntil - now;
    if (blocked <= 0) return;
    for (const priority of PRIORITIES) {
      const queue = this.queues[priority];
      const keep = queue.filter((w) => w.maxWaitMs >= blocked);
      if (keep.length === queue.length) continue;
      for (const w of queue)
        if (w.maxWaitMs < blocked) w.refuse(new RateLimitedUntil(this.allowance.blockedUntil));
      this.queues[priority] = keep;
    }
  }

  private arm(at: number): void {
    if (this.timer !== undefined && this.timerAt <= at) return;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timerAt = at;
    this.timer = this.clock.setTimer(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(1, at - this.clock.now()),
    );
  }

  view(): BudgetView {
    const now = this.clock.now();
    return {
      ...this.allowance.view(now),
      reserve: this.reserve,
      inFlight: this.inFlight,
      waiting: {
        interactive: this.queues.interactive.length,
        bulk: this.queues.bulk.length,
        background: this.queues.background.length,
      },
      sent: { ...this.sent },
      rateLimited: this.rateLimited,
    };
  }
}

function abortReason(signal: AbortSignal | undefined): Error {
  const r: unknown = signal?.reason;
  return r instanceof Error ? r : new Error('aborted');
}
