import type { Clock } from '../../base/clock';
import { withPriority } from '../scheduler/priority';
import { DEFAULT_ROUNDS, Rounds, type Heat, type RoundsConfig } from './rounds';

/** The outcome of one health read, as the poller needs it. */
export interface ReadOutcome {
  heat: Exclude<Heat, 'unread' | 'visible'>;
  /** The API could not be reached (the answer came from the offline cache, or not at all). */
  unreachable: boolean;
}

export interface PollerDeps {
  clock: Clock;
  /** Reads one site's health (at background priority) and files the result; never throws. */
  read(key: string): Promise<ReadOutcome>;
  /**
   * Fills a site from its offline copy without a request (while the API is unreachable); answers
   * the heat of that copy, or undefined when there is none.
   */
  readCached(key: string): Promise<ReadOutcome['heat'] | undefined>;
  /** Told once per connection when every site has been read (the first complete picture). */
  onComplete(): void;
  config?: Partial<RoundsConfig>;
  /** Reads in flight at once; the request scheduler paces them, this only bounds the queue. */
  parallel?: number;
  /** While unreachable, one probe read this often. */
  probeEveryMs?: number;
}

/**
 * The health poller of one connection: asks `Rounds` what to read next, keeps a few reads in
 * flight (the connection's request scheduler decides when each one really goes), and while the
 * API is unreachable fills the picture from the offline copies and probes once in a while.
 */
export class ConnectionPoller {
  private readonly rounds: Rounds;
  private visible: ReadonlySet<string> = new Set();
  private running = 0;
  private stopped = false;
  private timer: unknown;
  private offline = false;
  private completed = false;
  private readonly parallel: number;

  constructor(private readonly deps: PollerDeps) {
    this.rounds = new Rounds({ ...DEFAULT_ROUNDS, ...deps.config }, deps.clock.now());
    this.parallel = deps.parallel ?? 3;
  }

  setSites(keys: readonly string[]): void {
    this.rounds.setSites(keys);
    this.completed = this.completed && this.rounds.complete();
    this.kick();
  }

  setVisible(keys: ReadonlySet<string>): void {
    this.visible = keys;
    this.kick();
  }

  /** A change was opened or closed on a site: its heat changes before its next read. */
  setHeat(key: string, heat: ReadOutcome['heat']): void {
    this.rounds.setHeat(key, heat);
  }

  get round(): number {
    return this.rounds.round;
  }

  get isComplete(): boolean {
    return this.completed;
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.deps.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) {
      this.deps.clock.clearTimer(this.timer);
      this.timer = undefined;
    }
    while (!this.stopped && this.running < (this.offline ? 1 : this.parallel)) {
      const next = this.rounds.next(this.deps.clock.now(), this.visible);
      if ('waitMs' in next) {
        if (this.running === 0) this.later(next.waitMs);
        return;
      }
      this.launch(next.key);
    }
  }

  private later(ms: number): void {
    this.timer = this.deps.clock.setTimer(() => {
      this.timer = undefined;
      this.kick();
    }, ms);
  }

  private launch(key: string): void {
    this.running++;
    void withPriority('background', () => this.deps.read(key))
      .then(async (outcome) => {
        this.rounds.setHeat(key, outcome.heat);
        if (outcome.unreachable && !this.offline) {
          this.offline = true;
          await this.fillFromCache();
        } else if (!outcome.unreachable && this.offline) {
          // Back online: what was shown from the offline copies is owed a live read.
          this.offline = false;
          this.rounds.forgetReads();
        }
        if (!this.completed && this.rounds.complete()) {
          this.completed = true;
          this.deps.onComplete();
        }
      })
      .finally(() => {
        this.running--;
        if (this.offline) this.later(this.deps.probeEveryMs ?? 10_000);
        else this.kick();
      });
  }

  /** Offline: every site due in this round shows its last-known health from disk, at once. */
  private async fillFromCache(): Promise<void> {
    for (;;) {
      const next = this.rounds.next(this.deps.clock.now(), new Set());
      if ('waitMs' in next || this.stopped) return;
      const heat = await this.deps.readCached(next.key);
      if (heat) this.rounds.setHeat(next.key, heat);
    }
  }
}
