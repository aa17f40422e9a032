import { describe, expect, test } from 'vitest';
import { LogRing } from '../../../main/sandbox/sim/log-ring';

const entry = (i: number) => ({
  timestamp: new Date(i).toISOString(),
  event: 'page_view',
  eventId: `e${i}`,
  status: 'sent' as const,
  attempt: 1,
});

describe('LogRing', () => {
  test('newest first, ids monotonic, offset counts from the newest', () => {
    const r = new LogRing(10);
    for (let i = 0; i < 5; i++) r.push(entry(i));
    expect(r.page(0, 3).map((e) => e.id)).toEqual([5, 4, 3]);
    expect(r.page(3, 10).map((e) => e.id)).toEqual([2, 1]);
    expect(r.page(5, 10)).toEqual([]);
    expect(r.total).toBe(5);
  });
  test('bounded: wraps, keeps the newest `capacity`, ids keep growing', () => {
    const r = new LogRing(4);
    for (let i = 0; i < 11; i++) r.push(entry(i));
    expect(r.total).toBe(4);
    expect(r.page(0, 10).map((e) => e.id)).toEqual([11, 10, 9, 8]);
    expect(r.page(3, 10).map((e) => e.id)).toEqual([8]);
    expect(r.lastId).toBe(11);
  });
  test('a deep page costs about the same as the first one (O(limit))', () => {
    const r = new LogRing(50_000);
    for (let i = 0; i < 120_000; i++) r.push(entry(i));
    const time = (offset: number) => {
      const t = performance.now();
      for (let k = 0; k < 200; k++) r.page(offset, 500);
      return performance.now() - t;
    };
    time(0);
    const shallow = Math.min(time(0), time(0));
    const deep = Math.min(time(40_000), time(40_000));
    expect(r.page(40_000, 500)[0]?.id).toBe(120_000 - 40_000);
    expect(deep).toBeLessThan(shallow * 3 + 5);
  });
  test('rejects a nonsensical capacity', () => {
    expect(() => new LogRing(0)).toThrow();
  });
});
