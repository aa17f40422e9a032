import type { SearchStop } from '../../../shared/bridge/calls/trace';
import type { BridgeError } from '../../../shared/bridge';
import type { LogEntry } from '../../../shared/contract/logs';
import type { Page } from '../tail/page-walker';
import { toBridgeError } from '../tail/source';
import type { RequestBudget } from './budget';

export const PAGE_LIMIT = 500;

export interface Pager {
  fetch(offset: number, limit: number, requestId: string): Promise<Page>;
  cancel(requestId: string): void;
}

export interface PageBackOptions {
  pager: Pager;
  /** The retained run of the stream, ascending and contiguous (searched first, never re-fetched). */
  retained: LogEntry[];
  /** Entries older than this (ms) end the search; it may move later while the search runs. */
  lowerBound(): number;
  budget: RequestBudget;
  signal: AbortSignal;
  /** Sees every entry once: the retained run first, then each page's unseen entries (newest first). */
  visit(entries: LogEntry[], source: 'retained' | 'api'): void;
  /** Asked before each request: a reason to stop early (the event's start was found). */
  done?(): SearchStop | undefined;
  /** Progress after each page. */
  onPage?(): void;
  requestPrefix: string;
  pageLimit?: number;
}

export interface PageBackResult {
  stop: SearchStop;
  pages: number;
  apiEntries: number;
  /** Oldest and newest timestamps seen (ms), buffer and pages together. */
  oldestMs: number | undefined;
  newestMs: number | undefined;
  /** The lower bound in force when the search stopped at it. */
  boundMs?: number;
  error?: BridgeError;
}

const tsOf = (e: LogEntry) => Date.parse(e.timestamp);

/**
 * Pages one stream back from the newest entry, newest first, until its entries are older than the
 * bound, the API has no older ones, the budget or the rate-limit reserve is spent, the search is
 * cancelled or a request fails. A retained run is skipped rather than fetched again: pages are read
 * down to the run's newest id, then the offset jumps past the run (its length is exact because the
 * run is contiguous). Offsets count from the newest entry, so entries arriving meanwhile only make
 * pages overlap (dropped by id), never skip; the jump is checked and undone if it overshot.
 */
export async function pageBack(o: PageBackOptions): Promise<PageBackResult> {
  const limit = o.pageLimit ?? PAGE_LIMIT;
  const res: PageBackResult = {
    stop: 'bound',
    pages: 0,
    apiEntries: 0,
    oldestMs: undefined,
    newestMs: undefined,
  };
  const see = (t: number) => {
    if (Number.isNaN(t)) return;
    if (res.oldestMs === undefined || t < res.oldestMs) res.oldestMs = t;
    if (res.newestMs === undefined || t > res.newestMs) res.newestMs = t;
  };
  const run = o.retained;
  if (run.length > 0) {
    o.visit(run.slice().reverse(), 'retained');
    see(tsOf(run[0]!));
    see(tsOf(run[run.length - 1]!));
  }
  const runOldest = run[0]?.id;
  const runNewest = run[run.length - 1]?.id;
  // Newer part first (above the run), then the older part (below it).
  let phase: 'newer' | 'older' = run.length > 0 ? 'newer' : 'older';
  /** Entries below this id are unseen; pages go down, so one watermark drops every overlap. */
  let low = Number.POSITIVE_INFINITY;
  let newerCount = 0;
  let offset = 0;
  let jumpedTo: number | undefined;
  let seq = 0;

  for (;;) {
    if (o.signal.aborted) return { ...res, stop: 'cancelled' };
    const early = o.done?.();
    if (early) return { ...res, stop: early };
    const refused = o.budget.take();
    if (refused) return { ...res, stop: refused };
    const requestId = `${o.requestPrefix}.${++seq}`;
    let page: Page;
    const onAbort = () => o.pager.cancel(requestId);
    o.signal.addEventListener('abort', onAbort, { once: true });
    try {
      page = await o.pager.fetch(offset, limit, requestId);
      o.budget.settle(page.rateLimit);
    } catch (error) {
      o.budget.settle(undefined);
      if (o.signal.aborted) return { ...res, stop: 'cancelled' };
      const e = toBridgeError(error);
      return { ...res, stop: e.kind === 'rate_limited' ? 'rate_limit' : 'error', error: e };
    } finally {
      o.signal.removeEventListener('abort', onAbort);
    }
    res.pages++;
    const entries = page.entries;
    if (jumpedTo !== undefined && offset === jumpedTo && entries[0] && runOldest !== undefined) {
      jumpedTo = undefined;
      // The page must start at or above the run's oldest entry, or the jump skipped some: go back.
      if (entries[0].id < runOldest && offset > 0) {
        offset = Math.max(0, offset - limit);
        continue;
      }
    }
    const fresh: LogEntry[] = [];
    let reachedRun = false;
    let belowRun = false;
    for (const e of entries) {
      if (e.id >= low) continue;
      if (runOldest !== undefined && e.id >= runOldest && e.id <= runNewest!) {
        reachedRun = true;
        continue;
      }
      if (runOldest !== undefined && e.id < runOldest) belowRun = true;
      else if (phase === 'newer') newerCount++;
      fresh.push(e);
    }
    if (fresh.length > 0) {
      low = fresh[fresh.length - 1]!.id;
      res.apiEntries += fresh.length;
      for (const e of fresh) see(tsOf(e));
      o.visit(fresh, 'api');
    }
    o.onPage?.();
    const pageOldest = entries[entries.length - 1];
    const bound = o.lowerBound();
    if (pageOldest && tsOf(pageOldest) < bound) return { ...res, stop: 'bound', boundMs: bound };
    if (phase === 'newer' && (reachedRun || belowRun)) {
      phase = 'older';
      // From here on only entries below the run (and below what this page already gave) are new.
      low = Math.min(low, runOldest!);
      if (!belowRun) {
        if (tsOf(run[0]!) < bound) return { ...res, stop: 'bound', boundMs: bound };
        // One entry of overlap, so the first page after the jump proves nothing was skipped.
        offset = Math.max(0, newerCount + run.length - 1);
        jumpedTo = offset;
        continue;
      }
    }
    if (entries.length < limit || offset + limit >= page.total) return { ...res, stop: 'ring_end' };
    offset += limit;
  }
}
