import {
  TAIL_BATCH_MAX,
  type TailBatch,
  type TailGap,
  type TailStatus,
} from '../../../shared/bridge/calls/tail';
import type { LogEntry } from '../../../shared/contract/logs';
import type { Clock } from '../../base/clock';

export const MIN_FLUSH_SPACING_MS = 100;

/**
 * Coalesces what one tail produces into events: at most one per 100 ms (10 per second), at most
 * TAIL_BATCH_MAX entries each, a gap travelling in the same event as the entry that follows it,
 * and the status only when it changed. Big polls drain over several flushes instead of one
 * multi-megabyte message that would stall the IPC channel and the renderer's parser.
 */
export class Batcher {
  private entries: LogEntry[] = [];
  private gaps: TailGap[] = [];
  private status: TailStatus | undefined;
  private timer: unknown;
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly tailId: string,
    private readonly clock: Clock,
    private readonly send: (batch: TailBatch) => void,
  ) {}

  push(entries: LogEntry[], gap?: TailGap): void {
    if (gap) this.gaps.push(gap);
    // Concatenating in place keeps one array; polls arrive at most ~1/s so this is cheap.
    for (const e of entries) this.entries.push(e);
    this.schedule();
  }

  setStatus(status: TailStatus): void {
    this.status = status;
    this.schedule();
  }

  /** Sends whatever is queued now (used when a tail stops, so its last status is not lost). */
  flushNow(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.flush();
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  get queued(): number {
    return this.entries.length;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastFlush + MIN_FLUSH_SPACING_MS - this.clock.now());
    this.timer = this.clock.setTimer(() => {
      this.timer = undefined;
      this.flush();
      if (this.entries.length > 0 || this.status) this.schedule();
    }, wait);
  }

  private flush(): void {
    if (this.entries.length === 0 && this.gaps.length === 0 && !this.status) return;
    const chunk =
      this.entries.length <= TAIL_BATCH_MAX ? this.entries : this.entries.slice(0, TAIL_BATCH_MAX);
    this.entries = chunk === this.entries ? [] : this.entries.slice(TAIL_BATCH_MAX);
    const lastId = chunk.length > 0 ? chunk[chunk.length - 1]!.id : Number.POSITIVE_INFINITY;
    const gaps = this.gaps.filter((g) => g.beforeId <= lastId);
    this.gaps = this.gaps.filter((g) => g.beforeId > lastId);
    const batch: TailBatch = { tailId: this.tailId, entries: chunk };
    if (gaps.length > 0) batch.gaps = gaps;
    if (this.status) batch.status = this.status;
    this.status = undefined;
    this.lastFlush = this.clock.now();
    this.send(batch);
  }
}
