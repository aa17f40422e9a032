import { describe, expect, it } from 'vitest';
import { loadHistory } from '../../../main/core/trace/history';
import { FakeLog } from './fake-log';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const MIN = 60_000;

describe('jump to the last N minutes (tail.history)', () => {
  it('returns only entries older than the view holds, back to the time asked, and says where it stopped', async () => {
    const log = new FakeLog(() => NOW);
    log.fill(3600, NOW - 60 * MIN, NOW);
    const viewOldest = 3401; // the view holds the newest 200
    const r = await loadHistory({
      pager: log,
      retained: log.entries.slice(-200),
      beforeId: viewOldest,
      sinceMs: NOW - 15 * MIN,
      maxPages: 30,
      now: () => NOW,
      requestPrefix: 'h',
    });
    expect(r.stop).toBe('bound');
    expect(r.entries.every((e) => e.id < viewOldest)).toBe(true);
    expect(r.entries.map((e) => e.id)).toEqual(
      [...r.entries.map((e) => e.id)].sort((a, b) => a - b),
    );
    expect(Date.parse(r.reached!)).toBeLessThanOrEqual(NOW - 15 * MIN);
    expect(r.entries.length).toBeGreaterThanOrEqual(900 - 200);
    // The 200 the view has were not fetched again: the first request already lands below them.
    expect(log.requests[0]!.offset).toBe(0);
    expect(log.requests[1]!.offset).toBe(199);
  });

  it('stops at its page budget and says so', async () => {
    const log = new FakeLog(() => NOW);
    log.fill(20_000, NOW - 10 * MIN, NOW);
    const r = await loadHistory({
      pager: log,
      retained: [],
      beforeId: undefined,
      sinceMs: NOW - 60 * MIN,
      maxPages: 3,
      now: () => NOW,
      requestPrefix: 'h',
    });
    expect(r.stop).toBe('budget');
    expect(r.pages).toBe(3);
    expect(r.entries).toHaveLength(1500);
  });
});
