import { describe, expect, it } from 'vitest';
import type { TraceQuery, TraceResult } from '../../../shared/bridge/calls/trace';
import { leavesUnsearched } from '../../../shared/domain/trace';
import { runTrace, type TraceStream } from '../../../main/core/trace/engine';
import { FakeLog } from './fake-log';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const MIN = 60_000;
const clock = () => NOW;

function stream(key: string, log: FakeLog, extra: Partial<TraceStream> = {}): TraceStream {
  const s: TraceStream = key.startsWith('w:')
    ? {
        key,
        stream: { kind: 'webhook', webhookId: key.slice(2) },
        name: `Hook ${key.slice(2)}`,
        enabled: true,
        pager: log,
        retained: [],
      }
    : {
        key,
        stream: { kind: 'provider', provider: key.slice(2) as 'ga4' },
        enabled: true,
        pager: log,
        retained: [],
      };
  return { ...s, ...extra };
}

async function trace(
  streams: TraceStream[],
  query: TraceQuery,
  opts: { windowMinutes?: number; budget?: number; signal?: AbortSignal } = {},
): Promise<TraceResult> {
  return runTrace({
    traceId: 'trace_t1',
    query,
    windowMinutes: opts.windowMinutes ?? 15,
    budget: opts.budget ?? 1000,
    streams,
    now: clock,
    signal: opts.signal ?? new AbortController().signal,
  });
}

const requestsOf = (...logs: FakeLog[]) => logs.reduce((n, l) => n + l.requests.length, 0);

describe('trace search bounds', () => {
  it('pages back to the time bound and stops there, saying so', async () => {
    const log = new FakeLog(clock);
    log.fill(7200, NOW - 120 * MIN, NOW); // one entry a second for two hours
    const r = await trace([stream('p:ga4', log)], { kind: 'eventId', eventId: 'nope' });
    const s = r.streams[0]!;
    expect(s.stop).toBe('bound');
    expect(r.state).toBe('complete');
    // 15 minutes = 900 entries: two pages of 500, and not one more.
    expect(log.requests.map((q) => q.offset)).toEqual([0, 500]);
    expect(Date.parse(s.from!)).toBeLessThan(NOW - 15 * MIN);
    expect(Date.parse(s.from!)).toBeGreaterThan(NOW - 20 * MIN);
    expect(r.events).toEqual([]);
    // What lies beyond the bound is said to be not reached, with the time.
    expect(s.notReachedBefore).toBe(new Date(NOW - 15 * MIN).toISOString());
  });

  it('an event found in one stream while another ends at the bound: "not found within the time bound"', async () => {
    const a = new FakeLog(clock);
    a.fill(100, NOW - 10 * MIN, NOW);
    a.add({ at: NOW - 1000, eventId: 'evt_x', status: 'sent', attempt: 2 });
    const b = new FakeLog(clock);
    b.fill(3600, NOW - 60 * MIN, NOW);
    const r = await trace([stream('p:ga4', a), stream('w:erp', b)], {
      kind: 'text',
      text: 'evt_x',
    });
    const dest = r.events[0]!.destinations;
    expect(dest[0]!.fate).toBe('sent');
    expect(dest[1]!.fate).toBe('not_found');
    expect(dest[1]!.detail).toBe(
      'Not found within the time bound; older entries were not searched (see Searched).',
    );
    expect(r.streams[1]!.notReachedBefore).toBe(new Date(NOW - 15 * MIN).toISOString());
    expect(r.streams[0]!.notReachedBefore).toBeUndefined(); // its ring ends within the bound
  });

  it('stops at the end of the ring when the API keeps nothing older', async () => {
    const log = new FakeLog(clock);
    log.fill(700, NOW - 5 * MIN, NOW);
    const r = await trace([stream('p:ga4', log)], { kind: 'eventId', eventId: 'nope' });
    expect(r.streams[0]!.stop).toBe('ring_end');
    expect(log.requests).toHaveLength(2);
    expect(r.state).toBe('complete');
  });

  it('never makes more requests than the budget, and says what was not reached', async () => {
    const logs = Array.from({ length: 5 }, () => {
      const l = new FakeLog(clock);
      l.fill(20_000, NOW - 14 * MIN, NOW);
      return l;
    });
    const keys = ['p:ga4', 'p:meta', 'p:gads', 'w:a', 'w:b'];
    const r = await trace(
      logs.map((l, i) => stream(keys[i]!, l)),
      { kind: 'eventId', eventId: 'nope' },
      { budget: 7 },
    );
    expect(requestsOf(...logs)).toBe(7);
    expect(r.requests).toBe(7);
    expect(r.state).toBe('partial');
    const unreached = r.streams.filter((s) => leavesUnsearched(s.stop));
    expect(unreached.length).toBeGreaterThan(0);
    for (const s of unreached) {
      expect(s.stop).toBe('budget');
      expect(s.notReachedBefore).toBeDefined();
      // Where the search stopped is stated: within the window, well after its start.
      if (s.from) expect(Date.parse(s.from)).toBeGreaterThan(NOW - 15 * MIN);
    }
  });

  it('keeps a fifth of the announced rate limit for tails and screens', async () => {
    const quota = { limit: 100, remaining: 40 };
    const logs = [new FakeLog(clock), new FakeLog(clock)];
    for (const l of logs) {
      l.fill(30_000, NOW - 14 * MIN, NOW);
      l.quota = quota;
    }
    const r = await trace(
      [stream('p:ga4', logs[0]!), stream('p:meta', logs[1]!)],
      { kind: 'eventId', eventId: 'nope' },
      { budget: 1000 },
    );
    expect(r.streams.map((s) => s.stop)).toEqual(['rate_limit', 'rate_limit']);
    // 40 remaining, 20 kept in reserve: about 20 requests, never the whole quota.
    expect(quota.remaining).toBeGreaterThanOrEqual(18);
    expect(r.rateLimit?.limit).toBe(100);
  });

  it('a failing stream stops with its error; the others complete', async () => {
    const good = new FakeLog(clock);
    good.fill(100, NOW - 5 * MIN, NOW);
    const bad = new FakeLog(clock);
    bad.fill(100, NOW - 5 * MIN, NOW);
    bad.failures = [{ kind: 'http', status: 503, message: 'Service Unavailable' }];
    const r = await trace([stream('p:ga4', good), stream('p:meta', bad)], {
      kind: 'eventId',
      eventId: 'nope',
    });
    expect(r.streams[0]!.stop).toBe('ring_end');
    expect(r.streams[1]!.stop).toBe('error');
    expect(r.streams[1]!.error?.message).toBe('Service Unavailable');
    expect(r.state).toBe('partial');
  });

  it('cancel stops the search and the request in flight; the answer is partial', async () => {
    const log = new FakeLog(clock);
    log.fill(5000, NOW - 10 * MIN, NOW);
    let release!: () => void;
    log.hold = new Promise<void>((ok) => (release = ok));
    const controller = new AbortController();
    const pending = trace(
      [stream('p:ga4', log)],
      { kind: 'eventId', eventId: 'x' },
      {
        signal: controller.signal,
      },
    );
    await new Promise((ok) => setTimeout(ok, 10));
    controller.abort();
    release();
    const r = await pending;
    expect(r.state).toBe('cancelled');
    expect(r.streams[0]!.stop).toBe('cancelled');
    expect(log.cancelled).toHaveLength(1);
    expect(log.requests).toHaveLength(1);
  });
});

describe('tracing one event', () => {
  function site() {
    const ga4 = new FakeLog(clock);
    const meta = new FakeLog(clock);
    const gads = new FakeLog(clock);
    const erp = new FakeLog(clock);
    const crm = new FakeLog(clock);
    const t0 = NOW - 5 * MIN;
    for (const l of [ga4, meta, gads, erp, crm]) l.fill(30_000, NOW - 60 * MIN, t0 - 1000);
    const ev = { eventId: 'evt_buy', event: 'purchase' };
    ga4.add({
      ...ev,
      at: t0 + 80,
      status: 'sent',
      httpStatus: 204,
      payload: { transaction_id: 'ORD-42' },
    });
    meta.add({
      ...ev,
      at: t0,
      status: 'filtered',
      attempt: 0,
      reason: 'order.total gte 100000 failed (actual: 129.9)',
      payload: { condition: { field: 'order.total', operator: 'gte', value: 100000 } },
    });
    gads.add({ ...ev, at: t0, status: 'skipped', attempt: 0, reason: 'no_mapping' });
    erp.add({
      ...ev,
      at: t0 + 30,
      status: 'retrying',
      httpStatus: 503,
      error: { code: 'http_503', message: 'receiver down' },
      payload: { order_id: 'ORD-42' },
    });
    erp.add({
      ...ev,
      at: t0 + 1030,
      status: 'failed',
      attempt: 2,
      httpStatus: 503,
      error: { code: 'http_503', message: 'receiver down' },
      reason: 'retries exhausted',
      payload: { order_id: 'ORD-42' },
    });
    for (const l of [ga4, meta, gads, erp, crm]) l.fill(2400, t0 + 2000, NOW);
    const streams = [
      stream('p:ga4', ga4),
      stream('p:meta', meta),
      stream('p:gads', gads),
      stream('w:erp', erp, { subscribedEvents: ['purchase'] }),
      stream('w:crm', crm, { subscribedEvents: ['user_signup'] }),
    ];
    return { logs: [ga4, meta, gads, erp, crm], streams };
  }

  it('by text: the order id finds the event; lines without it are found by the event id', async () => {
    const { streams } = site();
    const r = await trace(streams, { kind: 'text', text: 'ord-42' });
    expect(r.events).toHaveLength(1);
    const ev = r.events[0]!;
    expect(ev.eventId).toBe('evt_buy');
    expect(ev.event).toBe('purchase');
    const fate = Object.fromEntries(ev.destinations.map((d) => [d.key, d]));
    expect(fate['p:ga4']!.fate).toBe('sent');
    expect(fate['p:meta']!.fate).toBe('filtered');
    expect(fate['p:meta']!.detail).toContain('order.total gte 100000');
    expect(fate['p:gads']!.fate).toBe('skipped');
    expect(fate['p:gads']!.detail).toContain('no_mapping');
    expect(fate['w:erp']!.fate).toBe('failed');
    expect(fate['w:erp']!.detail).toContain('http_503');
    expect(fate['w:erp']!.lines.map((l) => l.status)).toEqual(['retrying', 'failed']);
    expect(fate['w:crm']!.fate).toBe('not_found');
    expect(fate['w:crm']!.detail).toContain('not subscribed to purchase');
  });

  it('by event id: once the event is located, no stream pages further back than its arrival', async () => {
    const { streams, logs } = site();
    const r = await trace(streams, { kind: 'eventId', eventId: 'evt_buy' });
    const fates = r.events[0]!.destinations.map((d) => d.fate);
    expect(fates).toEqual(['sent', 'filtered', 'skipped', 'failed', 'not_found']);
    expect(r.streams.map((s) => s.stop)).toEqual(Array(5).fill('event_start'));
    for (const s of r.streams) expect(Date.parse(s.from!)).toBeGreaterThan(NOW - 8 * MIN);
    const located = requestsOf(...logs);
    // The same site searched for an id that is not there pages the whole 15 minutes.
    const again = site();
    await trace(again.streams, { kind: 'eventId', eventId: 'evt_absent' });
    expect(located * 2).toBeLessThan(requestsOf(...again.logs));
  });

  it('searches the retained buffers first: a run holding the event costs no request', async () => {
    const { streams, logs } = site();
    const withRuns = streams.map((s, i) => ({ ...s, retained: logs[i]!.entries.slice(-4000) }));
    const r = await trace(withRuns, { kind: 'eventId', eventId: 'evt_buy' });
    expect(r.events[0]!.destinations.map((d) => d.fate)).toEqual([
      'sent',
      'filtered',
      'skipped',
      'failed',
      'not_found',
    ]);
    // The four streams where the run holds the event's arrival make no request at all; the fifth
    // checks one page above its run, then knows the run reaches back past the event.
    expect(requestsOf(...logs.slice(0, 4))).toBe(0);
    expect(logs[4]!.requests).toHaveLength(1);
    expect(r.streams.map((s) => s.retainedEntries)).toEqual(Array(5).fill(4000));
  });
});

describe('skipping a retained run', () => {
  it('reads above and below the run, never inside it, and misses nothing while entries keep arriving', async () => {
    const log = new FakeLog(clock);
    log.fill(6000, NOW - 14 * MIN, NOW - 2 * MIN);
    const run = log.entries.slice(2000, 5000); // a contiguous stretch the tails kept
    log.producePerRequest = 37;
    const seen = new Set<number>();
    const { pageBack } = await import('../../../main/core/trace/page-back');
    const { RequestBudget } = await import('../../../main/core/trace/budget');
    const r = await pageBack({
      pager: log,
      retained: run,
      lowerBound: () => NOW - 15 * MIN,
      budget: new RequestBudget(100, clock),
      signal: new AbortController().signal,
      requestPrefix: 't',
      visit: (entries) => {
        for (const e of entries) {
          expect(seen.has(e.id)).toBe(false);
          seen.add(e.id);
        }
      },
    });
    expect(r.stop).toBe('ring_end');
    // Every entry that existed when the search started was seen exactly once.
    for (let id = 1; id <= 6000; id++) expect(seen.has(id)).toBe(true);
    // The run's 3,000 entries cost at most the one-entry overlap pages, not six pages of 500.
    const fetchedInRun = log.requests.filter((q) => q.offset > 1100 && q.offset < 3900);
    expect(fetchedInRun.length).toBeLessThanOrEqual(1);
    expect(r.pages).toBeLessThanOrEqual(10);
  });
});

describe('memory of a search by text', () => {
  it('keeps lines without the text only up to a bound, and says so; matches are always kept', async () => {
    const { Collector, MAX_UNMATCHED } = await import('../../../main/core/trace/collector');
    const c = new Collector({ kind: 'text', text: 'ORD-7' });
    const filler = Array.from({ length: MAX_UNMATCHED + 10 }, (_, i) => ({
      id: i + 1,
      timestamp: new Date(NOW - i).toISOString(),
      event: 'page_view',
      eventId: `e${i}`,
      status: 'sent' as const,
      attempt: 1,
    }));
    c.visit('p:ga4', filler);
    expect(c.capped).toBe(true);
    c.visit('w:erp', [
      { ...filler[0]!, id: 1, eventId: 'evt_buy', payload: { order_id: 'ORD-7' } },
    ]);
    const ev = c.events();
    expect(ev.map((e) => e.eventId)).toEqual(['evt_buy']);
    expect(ev[0]!.lines.get('w:erp')).toHaveLength(1);
  });
});
