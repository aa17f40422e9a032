import type { BridgeError } from '../../../shared/bridge';
import type { LogEntry } from '../../../shared/contract/logs';
import type { TailBatch, TailState, TailStatus } from '../../../shared/bridge/calls/tail';
import { Batcher } from './batcher';
import { Cadence, type CadenceOptions, type PollOutcome } from './cadence';
import type { Clock } from '../../base/clock';
import { PageWalker, type WalkerOptions } from './page-walker';
import { toBridgeError, type TailSource } from './source';

export interface TailOptions {
  id: string;
  source: TailSource;
  clock: Clock;
  walker: WalkerOptions;
  cadence?: CadenceOptions;
  emit(batch: TailBatch): void;
  isHidden(): boolean;
  /** Keeps what the tail delivers for searches (the trace); closed when the tail stops. */
  retain?: RetainFeed | undefined;
}

export interface RetainFeed {
  /** Entries oldest first, contiguous with the previous push unless `gap`. */
  push(entries: LogEntry[], gap: boolean): void;
  close(): void;
}

/**
 * One live tail: a timer-driven loop with exactly one request in flight, never two, and none at
 * all once stopped. The loop never throws: every failure becomes a status the operator sees and a
 * longer wait before the next try.
 */
export class Tail {
  private readonly walker: PageWalker;
  private readonly cadence: Cadence;
  private readonly batcher: Batcher;
  private timer: unknown;
  private inFlight: string | undefined;
  private stopped = false;
  private seq = 0;
  private polls = 0;
  private requests = 0;
  private lastError: BridgeError | undefined;
  private state: TailState = 'starting';
  private nextAt: number | undefined;

  constructor(private readonly o: TailOptions) {
    this.walker = new PageWalker(o.walker);
    this.cadence = new Cadence(o.cadence);
    this.batcher = new Batcher(o.id, o.clock, (batch) => o.emit(batch));
  }

  get id(): string {
    return this.o.id;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  start(): void {
    this.schedule(0);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== undefined) this.o.clock.clearTimer(this.timer);
    this.timer = undefined;
    if (this.inFlight) this.o.source.cancel(this.inFlight);
    this.state = 'stopped';
    this.nextAt = undefined;
    this.o.retain?.close();
    this.batcher.setStatus(this.status());
    this.batcher.flushNow();
    this.batcher.dispose();
  }

  /** Coming back into view should not wait out a hidden-window interval of 30 s. */
  visibilityChanged(hidden: boolean): void {
    if (this.stopped || this.inFlight || hidden || this.nextAt === undefined) return;
    const soon = this.o.clock.now() + 1000;
    if (this.nextAt > soon && this.state !== 'rate_limited' && this.state !== 'backoff')
      this.schedule(1000);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.o.clock.clearTimer(this.timer);
    this.nextAt = this.o.clock.now() + ms;
    this.timer = this.o.clock.setTimer(() => {
      this.timer = undefined;
      void this.poll();
    }, ms);
  }

  private async poll(): Promise<void> {
    if (this.stopped || this.inFlight) return;
    let outcome: PollOutcome;
    try {
      const result = await this.walker.poll(
        (offset, limit) => this.fetch(offset, limit),
        () => this.stopped,
      );
      if (this.stopped) return;
      this.polls++;
      this.lastError = undefined;
      if (result.entries.length > 0 || result.gap) {
        this.o.retain?.push(result.entries, result.gap !== undefined);
        const gap = result.gap && { ...result.gap, at: new Date(this.o.clock.now()).toISOString() };
        this.batcher.push(result.entries, gap);
      }
      outcome = result.entries.length > 0 ? { kind: 'entries' } : { kind: 'idle' };
    } catch (error) {
      if (this.stopped) return;
      this.polls++;
      this.lastError = toBridgeError(error);
      const retryAt = this.lastError.retryAt ? Date.parse(this.lastError.retryAt) : Number.NaN;
      outcome =
        this.lastError.kind === 'rate_limited'
          ? { kind: 'rate_limited', retryAtMs: Number.isNaN(retryAt) ? undefined : retryAt }
          : { kind: 'error' };
    }
    const hidden = this.o.isHidden();
    const wait = this.cadence.next(outcome, hidden, this.o.clock.now());
    this.state = stateFor(outcome, hidden);
    this.schedule(wait);
    this.batcher.setStatus(this.status());
  }

  private async fetch(offset: number, limit: number) {
    const requestId = `${this.o.id}.${++this.seq}`;
    this.inFlight = requestId;
    this.requests++;
    try {
      return await this.o.source.fetch(offset, limit, requestId);
    } finally {
      this.inFlight = undefined;
    }
  }

  private status(): TailStatus {
    const s: TailStatus = { state: this.state, polls: this.polls, requests: this.requests };
    if (this.nextAt !== undefined) s.nextPollAt = new Date(this.nextAt).toISOString();
    if (this.lastError) s.error = this.lastError;
    return s;
  }
}

function stateFor(outcome: PollOutcome, hidden: boolean): TailState {
  if (outcome.kind === 'rate_limited') return 'rate_limited';
  if (outcome.kind === 'error') return 'backoff';
  if (hidden) return 'hidden';
  return outcome.kind === 'entries' ? 'live' : 'idle';
}
