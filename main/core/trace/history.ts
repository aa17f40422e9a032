import type { TailHistoryResult } from '../../../shared/bridge/calls/tail-history';
import type { LogEntry } from '../../../shared/contract/logs';
import { RequestBudget } from './budget';
import { pageBack, type Pager } from './page-back';

/** Entries one answer carries at most (the newest, closest to what the view already holds). */
export const HISTORY_MAX_ENTRIES = 30_000;

export interface HistoryOptions {
  pager: Pager;
  retained: LogEntry[];
  /** Only entries older than this id are wanted (the view holds the rest). */
  beforeId: number | undefined;
  sinceMs: number;
  maxPages: number;
  now: () => number;
  requestPrefix: string;
}

/**
 * Older entries of one stream back to `sinceMs`, for "jump to the last N minutes": what the tail
 * kept first, then pages, within a page budget and the rate-limit reserve. Says where it stopped.
 */
export async function loadHistory(o: HistoryOptions): Promise<TailHistoryResult> {
  const out: LogEntry[] = [];
  const wanted = (e: LogEntry) => o.beforeId === undefined || e.id < o.beforeId;
  const r = await pageBack({
    pager: o.pager,
    retained: o.retained,
    lowerBound: () => o.sinceMs,
    budget: new RequestBudget(o.maxPages, () => o.now()),
    signal: new AbortController().signal,
    requestPrefix: o.requestPrefix,
    visit: (entries) => {
      for (const e of entries) if (wanted(e)) out.push(e);
    },
  });
  out.sort((a, b) => a.id - b.id);
  const entries = out.length > HISTORY_MAX_ENTRIES ? out.slice(-HISTORY_MAX_ENTRIES) : out;
  return {
    entries,
    pages: r.pages,
    ...(r.oldestMs !== undefined ? { reached: new Date(r.oldestMs).toISOString() } : {}),
    stop: out.length > HISTORY_MAX_ENTRIES ? 'budget' : r.stop,
    ...(r.error ? { error: r.error.message } : {}),
  };
}
