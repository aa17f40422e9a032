import { OpsFailure, type BridgeError } from '../../../shared/bridge';
import type { LogEntry } from '../../../shared/contract/logs';
import type { Page } from '../../../main/core/tail/page-walker';
import type { TailSource } from '../../../main/core/tail/source';

/** One page of `entries` (oldest first in the array) as the API serves it: newest first from `offset`. */
export function newestFirst(entries: LogEntry[], offset: number, limit: number): Page {
  const total = entries.length;
  const out: LogEntry[] = [];
  for (let i = 0; i < limit && offset + i < total; i++) out.push(entries[total - 1 - offset - i]!);
  return { entries: out, total };
}

/** An in-memory log stream served newest first, like the API, with scripted failures. */
export class FakeStream implements TailSource {
  readonly entries: LogEntry[] = [];
  readonly requests: { offset: number; limit: number; at: number; id: string }[] = [];
  readonly cancelled: string[] = [];
  failures: BridgeError[] = [];
  /** Entries produced between any two requests (production racing the pager). */
  producePerRequest = 0;
  /** Held open until resolved by the test (an in-flight request). */
  hold: Promise<void> | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  produce(n: number): void {
    for (let i = 0; i < n; i++) {
      const id = this.entries.length + 1;
      this.entries.push({
        id,
        timestamp: new Date(this.now()).toISOString(),
        event: 'page_view',
        eventId: `e${id}`,
        status: 'sent',
        attempt: 1,
      });
    }
  }

  get lastId(): number {
    return this.entries.length;
  }

  async fetch(offset: number, limit: number, id: string): Promise<Page> {
    this.requests.push({ offset, limit, at: this.now(), id });
    if (this.hold) await this.hold;
    const failure = this.failures.shift();
    if (failure) throw new OpsFailure(failure);
    const page = newestFirst(this.entries, offset, limit);
    this.produce(this.producePerRequest);
    return page;
  }

  cancel(id: string): void {
    this.cancelled.push(id);
  }
}
