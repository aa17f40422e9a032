import { randomBytes } from 'node:crypto';
import type { TailBatch } from '../../../shared/bridge/calls/tail';
import type { CadenceOptions } from './cadence';
import type { Clock } from './clock';
import { DEFAULT_WALKER, type WalkerOptions } from './page-walker';
import type { TailSource } from './source';
import { Tail, type RetainFeed } from './tail';

export interface RegistryOptions {
  clock: Clock;
  emit(batch: TailBatch): void;
  cadence?: CadenceOptions;
  walker?: Partial<Omit<WalkerOptions, 'backfill'>>;
  /** A tail not renewed by `keepalive` for this long is stopped (its renderer went away). */
  leaseMs?: number;
  /** Upper bound of concurrent tails: each one is a poller against the operator's API quota. */
  maxTails?: number;
}

/** All live tails of this process, the shared hidden-window flag and the lease sweeper. */
export class TailRegistry {
  private readonly tails = new Map<string, { tail: Tail; renewedAt: number }>();
  private hidden = false;
  private sweeper: unknown;

  constructor(private readonly o: RegistryOptions) {}

  start(source: TailSource, backfill: number, retain?: RetainFeed): string {
    const max = this.o.maxTails ?? 32;
    if (this.tails.size >= max)
      throw new Error(`At most ${max} live tails at once; stop one first.`);
    const id = `tail_${randomBytes(9).toString('hex')}`;
    const tail = new Tail({
      id,
      source,
      clock: this.o.clock,
      walker: { ...DEFAULT_WALKER, ...this.o.walker, backfill },
      ...(this.o.cadence ? { cadence: this.o.cadence } : {}),
      emit: (batch) => this.o.emit(batch),
      isHidden: () => this.hidden,
      retain,
    });
    this.tails.set(id, { tail, renewedAt: this.o.clock.now() });
    tail.start();
    this.armSweeper();
    return id;
  }

  stop(id: string): boolean {
    const t = this.tails.get(id);
    if (!t) return false;
    this.tails.delete(id);
    t.tail.stop();
    if (this.tails.size === 0 && this.sweeper !== undefined) {
      this.o.clock.clearTimer(this.sweeper);
      this.sweeper = undefined;
    }
    return true;
  }

  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    for (const { tail } of this.tails.values()) tail.visibilityChanged(hidden);
  }

  keepalive(ids: string[]): string[] {
    const now = this.o.clock.now();
    const alive: string[] = [];
    for (const id of ids) {
      const t = this.tails.get(id);
      if (!t) continue;
      t.renewedAt = now;
      alive.push(id);
    }
    return alive;
  }

  get size(): number {
    return this.tails.size;
  }

  closeAll(): void {
    for (const id of [...this.tails.keys()]) this.stop(id);
    if (this.sweeper !== undefined) this.o.clock.clearTimer(this.sweeper);
    this.sweeper = undefined;
  }

  private armSweeper(): void {
    if (this.sweeper !== undefined) return;
    const lease = this.o.leaseMs ?? 60_000;
    this.sweeper = this.o.clock.setTimer(
      () => {
        this.sweeper = undefined;
        const now = this.o.clock.now();
        for (const [id, t] of this.tails) if (now - t.renewedAt > lease) this.stop(id);
        if (this.tails.size > 0) this.armSweeper();
      },
      Math.max(1000, lease / 4),
    );
  }
}
