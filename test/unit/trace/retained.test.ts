import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/contract/logs';
import { RetainedLogs } from '../../../main/core/trace/retained';

const entry = (id: number): LogEntry => ({
  id,
  timestamp: new Date(1_700_000_000_000 + id * 1000).toISOString(),
  event: 'page_view',
  eventId: `e${id}`,
  status: 'sent',
  attempt: 1,
});
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));
const ids = (xs: LogEntry[]) => [xs[0]?.id, xs[xs.length - 1]?.id, xs.length];

function store(now = { t: 0 }, perStream = 1000, total = 5000) {
  return { now, r: new RetainedLogs({ perStream, total, idleMs: 60_000, now: () => now.t }) };
}

describe('retained runs are contiguous by construction', () => {
  it('one tail extends its run; a gap starts a new one', () => {
    const { r } = store();
    const feed = r.feed('s');
    feed.push(range(1, 10), false);
    feed.push(range(11, 20), false);
    expect(ids(r.snapshot('s'))).toEqual([1, 20, 20]);
    feed.push(range(40, 45), true);
    expect(ids(r.snapshot('s'))).toEqual([40, 45, 6]);
  });

  it('a second tail of the same stream is ignored while the first feeds it', () => {
    const { r } = store();
    const a = r.feed('s');
    const b = r.feed('s');
    a.push(range(1, 10), false);
    b.push(range(30, 40), false);
    expect(ids(r.snapshot('s'))).toEqual([1, 10, 10]);
  });

  it('after the feeder stops, a new tail extends the run only if it overlaps it', () => {
    const { r } = store();
    const a = r.feed('s');
    a.push(range(1, 10), false);
    a.close();
    const b = r.feed('s');
    b.push(range(8, 15), false);
    expect(ids(r.snapshot('s'))).toEqual([1, 15, 15]);
    b.close();
    const c = r.feed('s');
    c.push(range(30, 35), false); // no overlap: ids 16..29 may exist, so start over
    expect(ids(r.snapshot('s'))).toEqual([30, 35, 6]);
  });

  it('keeps the newest per stream and in total; an idle run expires', () => {
    const { r, now } = store({ t: 0 }, 100, 150);
    const a = r.feed('a');
    a.push(range(1, 250), false);
    expect(ids(r.snapshot('a'))).toEqual([151, 250, 100]);
    now.t = 10;
    const b = r.feed('b');
    b.push(range(1, 100), false);
    // 200 kept > 150: the stream fed least recently gives way.
    expect(r.size).toBe(150);
    expect(ids(r.snapshot('a'))).toEqual([201, 250, 50]);
    b.close();
    now.t = 100_000;
    expect(r.snapshot('b')).toEqual([]);
  });
});
