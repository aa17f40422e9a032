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
    // The first page already reaches below the 200 the view has: paging simply goes on from there.
    expect(log.requests.map((q) => q.offset)).toEqual([0, 500]);
  });

  it('jumps past a long retained run instead of fetching it again', async () => {
    const log = new FakeLog(() => NOW);
    log.fill(3600, NOW - 60 * MIN, NOW);
    const r = await loadHistory({
      pager: log,
      retained: log.entries.slice(-1800), // the last 30 minutes, kept by the tail
      beforeId: 1801,
      sinceMs: NOW - 45 * MIN,
      maxPages: 30,
      now: () => NOW,
      requestPrefix: 'h',
    });
    expect(r.stop).toBe('bound');
    expect(log.requests.map((q) => q.offset)).toEqual([0, 1799, 2299]);
    expect(r.entries[r.entries.length - 1]!.id).toBe(1800);
    expect(r.entries.every((e, i) => i === 0 || e.id === r.entries[i - 1]!.id + 1)).toBe(true);
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
