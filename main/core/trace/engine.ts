import type { TraceProgress, TraceQuery, TraceResult } from '../../../shared/bridge/calls/trace';
import type { TailStream } from '../../../shared/bridge/calls/tail';
import type { LogEntry } from '../../../shared/contract/logs';
import { leavesUnsearched } from '../../../shared/domain/trace';
import { RequestBudget } from './budget';
import { Collector } from './collector';
import { pageBack, type PageBackResult, type Pager } from './page-back';
import { searched, tracedEvents } from './result';

/** One destination of the site, with where to read its pages and what the tails kept of it. */
export interface TraceStream {
  key: string;
  stream: TailStream;
  name?: string | undefined;
  enabled: boolean;
  testMode?: boolean | undefined;
  subscribedEvents?: string[] | undefined;
  pager: Pager;
  retained: LogEntry[];
}

export interface TraceOptions {
  traceId: string;
  query: TraceQuery;
  windowMinutes: number;
  budget: number;
  streams: TraceStream[];
  now: () => number;
  signal: AbortSignal;
  progress?(p: TraceProgress): void;
  maxParallel?: number;
  /**
   * Once the event's first line is found, other streams are searched back to this long before it
   * (clock skew between writers), not to the window's start: nothing older can belong to the event.
   */
  eventMarginMs?: number;
  progressEveryMs?: number;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/**
 * Traces one event (or the events a text matches) through every destination of a site: each
 * stream's retained run first, then its pages newest first, within the time bound and one shared
 * request budget. The answer says, per destination, the fate and lines, and per stream exactly
 * what was searched and why the search stopped there.
 */
export async function runTrace(o: TraceOptions): Promise<TraceResult> {
  const started = o.now();
  const windowStart = started - o.windowMinutes * 60_000;
  const margin = o.eventMarginMs ?? 120_000;
  const budget = new RequestBudget(o.budget, () => o.now());
  const collector = new Collector(o.query);
  const byId = o.query.kind === 'eventId';
  const lowerBound = () => {
    const s = collector.eventStartMs;
    return byId && s !== undefined ? Math.max(windowStart, s - margin) : windowStart;
  };
  const outcomes = new Map<string, PageBackResult>();
  const live = new Map<string, { pages: number; oldestMs?: number | undefined }>();

  let lastProgress = 0;
  const report = (force = false) => {
    if (!o.progress) return;
    const t = o.now();
    if (!force && t - lastProgress < (o.progressEveryMs ?? 100)) return;
    lastProgress = t;
    o.progress({
      traceId: o.traceId,
      requests: budget.requests,
      budget: o.budget,
      matches: collector.matches,
      streams: o.streams.map((s) => {
        const done = outcomes.get(s.key);
        const cur = live.get(s.key);
        const from = iso(done?.oldestMs ?? cur?.oldestMs);
        return {
          key: s.key,
          stream: s.stream,
          ...(s.name !== undefined ? { name: s.name } : {}),
          pages: done?.pages ?? cur?.pages ?? 0,
          ...(from ? { from } : {}),
          ...(done ? { stop: done.stop } : {}),
        };
      }),
    });
  };

  const searchOne = async (s: TraceStream) => {
    const state = { pages: 0, oldestMs: undefined as number | undefined };
    live.set(s.key, state);
    const result = await pageBack({
      pager: s.pager,
      retained: s.retained,
      lowerBound,
      budget,
      signal: o.signal,
      requestPrefix: `${o.traceId}.${s.key.replace(/[^A-Za-z0-9]/g, '')}`,
      visit: (entries) => {
        collector.visit(s.key, entries);
        for (const e of entries) {
          const t = Date.parse(e.timestamp);
          if (!Number.isNaN(t) && (state.oldestMs === undefined || t < state.oldestMs))
            state.oldestMs = t;
        }
      },
      done: () => (byId && collector.hasStart(s.key) ? 'event_start' : undefined),
      onPage: () => {
        state.pages++;
        report();
      },
    });
    // A bound moved up by the event's start is the event's start, not the window's.
    if (result.stop === 'bound' && (result.boundMs ?? windowStart) > windowStart)
      result.stop = 'event_start';
    outcomes.set(s.key, result);
    report();
  };

  const queue = o.streams.slice();
  const workers = Array.from({ length: Math.min(o.maxParallel ?? 4, queue.length) }, async () => {
    for (let s = queue.shift(); s; s = queue.shift()) await searchOne(s);
  });
  await Promise.all(workers);
  report(true);

  const streams = o.streams.map((s) => searched(s, outcomes.get(s.key)!, started));
  const stops = streams.map((s) => s.stop);
  return {
    traceId: o.traceId,
    query: o.query,
    windowMinutes: o.windowMinutes,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(o.now()).toISOString(),
    state: o.signal.aborted
      ? 'cancelled'
      : stops.some((s) => leavesUnsearched(s))
        ? 'partial'
        : 'complete',
    requests: budget.requests,
    budget: o.budget,
    ...(budget.rateLimit ? { rateLimit: budget.rateLimit } : {}),
    streams,
    events: tracedEvents(collector, o.streams, streams),
    moreEvents: collector.moreEvents,
    ...(collector.capped ? { linesCapped: true } : {}),
  };
}
