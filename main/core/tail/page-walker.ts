import type { RateLimitInfo } from '../../../shared/bridge/calls/api';
import type { LogEntry } from '../../../shared/contract/logs';

export interface Page {
  entries: LogEntry[];
  total: number;
  /** The quota the answer announced, when the API sends X-RateLimit-* headers. */
  rateLimit?: RateLimitInfo | undefined;
}
export type FetchPage = (offset: number, limit: number) => Promise<Page>;

export interface WalkerOptions {
  /** Entries fetched at start (0: none, the tail begins with what arrives next). */
  backfill: number;
  minLimit: number;
  maxLimit: number;
  /** Pages fetched in one poll before giving up and marking a gap. */
  maxPages: number;
}

export const DEFAULT_WALKER: Omit<WalkerOptions, 'backfill'> = {
  minLimit: 50,
  maxLimit: 500,
  maxPages: 20,
};

export interface Gap {
  afterId: number;
  beforeId: number;
  missing: number;
  exact: boolean;
}

export interface PollResult {
  /** Unseen entries, oldest first. */
  entries: LogEntry[];
  gap?: Gap;
  requests: number;
}

/**
 * Turns newest-first offset pages into a stream of unseen entries. Offsets count from the newest,
 * so entries produced between two page requests shift older ones to higher offsets: paging on
 * re-reads a few (dropped by id) but never skips any. Only when the page budget runs out, or the
 * server no longer holds the entries, is a gap reported, with its size from the ids.
 */
export class PageWalker {
  /** Newest id delivered; undefined until the first poll. */
  private lastId: number | undefined;
  private limit: number;
  /** Ids seen so far were consecutive, so a gap's size computed from ids is exact. */
  private dense = true;

  constructor(private readonly opts: WalkerOptions) {
    this.limit = opts.minLimit;
  }

  get newestId(): number | undefined {
    return this.lastId;
  }

  async poll(fetch: FetchPage, stopped: () => boolean): Promise<PollResult> {
    if (this.lastId === undefined) return this.start(fetch);
    const lastId = this.lastId;
    const fresh: LogEntry[] = [];
    let oldest = Number.POSITIVE_INFINITY;
    let offset = 0;
    let requests = 0;
    let reached = false;
    while (requests < this.opts.maxPages && !stopped()) {
      const limit = requests === 0 ? this.limit : this.opts.maxLimit;
      const page = await fetch(offset, limit);
      requests++;
      this.observeDensity(page.entries);
      for (const e of page.entries) {
        if (e.id <= lastId) reached = true;
        else if (e.id < oldest) {
          // Newest first and ids monotonic: anything below the oldest kept so far is new to us.
          fresh.push(e);
          oldest = e.id;
        }
      }
      if (reached) break;
      // The server holds no older entries: whatever lies between is gone from its ring.
      if (page.entries.length < limit || offset + limit >= page.total) break;
      offset += limit;
    }
    this.adapt(fresh.length, requests);
    if (fresh.length === 0) return { entries: [], requests };
    fresh.reverse();
    this.lastId = fresh[fresh.length - 1]!.id;
    const result: PollResult = { entries: fresh, requests };
    // Not reaching the last seen id means a hole, unless the ids prove there is none.
    if (!reached && oldest > lastId + 1) {
      const byIds = oldest - lastId - 1;
      result.gap = {
        afterId: lastId,
        beforeId: oldest,
        missing: this.dense ? byIds : 1,
        exact: this.dense,
      };
    }
    return result;
  }

  private async start(fetch: FetchPage): Promise<PollResult> {
    const page = await fetch(0, Math.max(1, this.opts.backfill));
    this.observeDensity(page.entries);
    const newest = page.entries[0]?.id ?? 0;
    this.lastId = newest;
    const entries = this.opts.backfill > 0 ? page.entries.slice().reverse() : [];
    return { entries, requests: 1 };
  }

  /** A full page asks for bigger pages next time; a trickle goes back to small ones (less JSON). */
  private adapt(fresh: number, requests: number): void {
    if (requests > 1 || fresh >= this.limit) this.limit = this.opts.maxLimit;
    else this.limit = Math.min(this.opts.maxLimit, Math.max(this.opts.minLimit, fresh * 2));
  }

  private observeDensity(entries: LogEntry[]): void {
    for (let i = 1; i < entries.length && this.dense; i++) {
      if (entries[i - 1]!.id - entries[i]!.id !== 1) this.dense = false;
    }
  }
}
