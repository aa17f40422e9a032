import { OpsFailure, type BridgeError } from '../../../shared/bridge';
import type { RateLimitInfo } from '../../../shared/bridge/calls/api';
import type { LogEntry } from '../../../shared/contract/logs';
import type { Page } from '../../../main/core/tail/page-walker';
import type { Pager } from '../../../main/core/trace/page-back';
import { newestFirst } from '../tail/fake-stream';

type NewEntry = Partial<Omit<LogEntry, 'id' | 'timestamp'>> & { at: number };

/** An in-memory log stream served newest first with limit/offset, like the API. */
export class FakeLog implements Pager {
  readonly entries: LogEntry[] = [];
  readonly requests: { offset: number; limit: number; id: string }[] = [];
  readonly cancelled: string[] = [];
  failures: BridgeError[] = [];
  /** Entries produced while each request is served (production racing the pager). */
  producePerRequest = 0;
  /** A shared quota the answers announce, when set. */
  quota: { limit: number; remaining: number } | undefined;
  /** Resolves held requests; set `hold` to keep them in flight. */
  hold: Promise<void> | undefined;
  private clock: () => number;

  constructor(clock: () => number) {
    this.clock = clock;
  }

  add(e: NewEntry): LogEntry {
    const { at, ...rest } = e;
    const entry: LogEntry = {
      id: this.entries.length + 1,
      timestamp: new Date(at).toISOString(),
      event: 'page_view',
      eventId: `e${this.entries.length + 1}`,
      status: 'sent',
      attempt: 1,
      ...rest,
    };
    this.entries.push(entry);
    return entry;
  }

  /** `n` filler entries, evenly spread from `fromMs` to `toMs`. */
  fill(n: number, fromMs: number, toMs: number): void {
    for (let i = 0; i < n; i++)
      this.add({ at: Math.round(fromMs + ((toMs - fromMs) * i) / Math.max(1, n - 1)) });
  }

  async fetch(offset: number, limit: number, id: string): Promise<Page> {
    this.requests.push({ offset, limit, id });
    if (this.hold) await this.hold;
    const failure = this.failures.shift();
    if (failure) throw new OpsFailure(failure);
    const page = newestFirst(this.entries, offset, limit);
    for (let i = 0; i < this.producePerRequest; i++) this.add({ at: this.clock() });
    let rateLimit: RateLimitInfo | undefined;
    if (this.quota) {
      this.quota.remaining = Math.max(0, this.quota.remaining - 1);
      rateLimit = { limit: this.quota.limit, remaining: this.quota.remaining };
    }
    return { ...page, rateLimit };
  }

  cancel(id: string): void {
    this.cancelled.push(id);
  }
}
