import { randomBytes } from 'node:crypto';
import type { ClientId } from '../../../shared/bridge';
import type { TailBatch } from '../../../shared/bridge/calls/tail';
import type { Clock } from '../../base/clock';
import type { CadenceOptions } from './cadence';
import { DEFAULT_WALKER, type WalkerOptions } from './page-walker';
import type { TailSource } from './source';
import { Tail, type RetainFeed } from './tail';

export interface RegistryOptions {
  clock: Clock;
  /** Sends one tail's batch to the client that started it, and to no one else. */
  emit(batch: TailBatch, to: ClientId): void;
  cadence?: CadenceOptions;
  walker?: Partial<Omit<WalkerOptions, 'backfill'>>;
  /** A tail not renewed by `keepalive` for this long is stopped (its renderer went away). */
  leaseMs?: number;
  /** Upper bound of concurrent tails: each one is a poller against the operator's API quota. */
  maxTails?: number;
}

interface Held {
  tail: Tail;
  client: ClientId;
  renewedAt: number;
}

/**
 * All live tails of this process, each owned by the client (window or tab) that started it: only
 * its owner receives its batches, renews or stops it, and only its owner's visibility slows it.
 */
export class TailRegistry {
  private readonly tails = new Map<string, Held>();
  private readonly hidden = new Set<ClientId>();
  private sweeper: unknown;

  constructor(private readonly o: RegistryOptions) {}

  start(source: TailSource, backfill: number, client: ClientId, retain?: RetainFeed): string {
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
      emit: (batch) => this.o.emit(batch, client),
      isHidden: () => this.hidden.has(client),
      retain,
    });
    this.tails.set(id, { tail, client, renewedAt: this.o.clock.now() });
    tail.start();
    this.armSweeper();
    return id;
  }

  /** Stops a tail of this client; another client's tail id is "not found", not stopped. */
  stop(id: string, client: ClientId): boolean {
    const t = this.tails.get(id);
    if (!t || t.client !== client) return false;
    this.drop(id);
    return true;
  }

  setHidden(client: ClientId, hidden: boolean): void {
    if (hidden) this.hidden.add(client);
    else this.hidden.delete(client);
    for (const t of this.tails.values()) if (t.client === client) t.tail.visibilityChanged(hidden);
  }

  keepalive(ids: string[], client: ClientId): string[] {
    const now = this.o.clock.now();
    const alive: string[] = [];
    for (const id of ids) {
      const t = this.tails.get(id);
      if (!t || t.client !== client) continue;
      t.renewedAt = now;
      alive.push(id);
    }
    return alive;
  }

  /** The client closed (tab, window): its tails stop now rather than at the end of their lease. */
  clientGone(client: ClientId): void {
    this.hidden.delete(client);
    for (const [id, t] of this.tails) if (t.client === client) this.drop(id);
  }

  get size(): number {
    return this.tails.size;
  }

  closeAll(): void {
    for (const id of [...this.tails.keys()]) this.drop(id);
    if (this.sweeper !== undefined) this.o.clock.clearTimer(this.sweeper);
    this.sweeper = undefined;
  }

  private drop(id: string): void {
    const t = this.tails.get(id);
    if (!t) return;
    this.tails.delete(id);
    t.tail.stop();
    if (this.tails.size === 0 && this.sweeper !== undefined) {
      this.o.clock.clearTimer(this.sweeper);
      this.sweeper = undefined;
    }
  }

  private armSweeper(): void {
    if (this.sweeper !== undefined) return;
    const lease = this.o.leaseMs ?? 60_000;
    this.sweeper = this.o.clock.setTimer(
      () => {
        this.sweeper = undefined;
        const now = this.o.clock.now();
        for (const [id, t] of this.tails) if (now - t.renewedAt > lease) this.drop(id);
        if (this.tails.size > 0) this.armSweeper();
      },
      Math.max(1000, lease / 4),
    );
  }
}
