import { describe, expect, it } from 'vitest';
import type { TailBatch } from '../../../shared/bridge/calls/tail';
import { Cadence, DEFAULT_CADENCE } from '../../../main/core/tail/cadence';
import { TailRegistry } from '../../../main/core/tail/registry';
import { ManualClock } from './manual-clock';
import { FakeStream } from './fake-stream';

function setup(walker: { maxPages?: number; minLimit?: number; maxLimit?: number } = {}) {
  const clock = new ManualClock();
  const batches: TailBatch[] = [];
  const emitTimes: number[] = [];
  const registry = new TailRegistry({
    clock,
    walker,
    leaseMs: 1e9, // the lease has its own test
    emit: (b) => {
      batches.push(b);
      emitTimes.push(clock.now());
    },
  });
  const stream = new FakeStream(() => clock.now());
  const ids = () => batches.flatMap((b) => b.entries.map((e) => e.id));
  const gaps = () => batches.flatMap((b) => b.gaps ?? []);
  const last = () => [...batches].reverse().find((b) => b.status)?.status;
  return { clock, batches, emitTimes, registry, stream, ids, gaps, last };
}

describe('tail engine (manual clock)', () => {
  it('backfills, then delivers each new entry once, oldest first', async () => {
    const t = setup();
    t.stream.produce(30);
    t.registry.start(t.stream, 10, 'c1');
    await t.clock.advance(200);
    expect(t.ids()).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    for (let s = 0; s < 5; s++) {
      t.stream.produce(7);
      await t.clock.advance(1000);
    }
    expect(t.ids()).toEqual(Array.from({ length: 45 }, (_, i) => 21 + i));
  });

  it('pages on until it reaches the last seen id when production outpaces one page, with no duplicate', async () => {
    const t = setup({ minLimit: 50, maxLimit: 100, maxPages: 50 });
    t.registry.start(t.stream, 0, 'c1');
    await t.clock.advance(10);
    t.stream.producePerRequest = 37; // entries keep arriving while we page
    for (let s = 0; s < 40; s++) {
      t.stream.produce(450);
      await t.clock.advance(1000);
    }
    t.stream.producePerRequest = 0;
    await t.clock.advance(3000);
    const got = t.ids();
    expect(new Set(got).size).toBe(got.length);
    expect(got).toEqual(Array.from({ length: t.stream.lastId }, (_, i) => i + 1));
    expect(got.length).toBeGreaterThan(10_000);
    expect(t.gaps()).toEqual([]);
    // Paging happened: far more requests than polls.
    expect(t.stream.requests.some((r) => r.offset > 0)).toBe(true);
  });

  it('marks an exact gap when the page budget runs out, and never double counts', async () => {
    const t = setup({ minLimit: 50, maxLimit: 50, maxPages: 2 });
    t.registry.start(t.stream, 0, 'c1');
    await t.clock.advance(10);
    t.stream.produce(1000);
    await t.clock.advance(2000);
    const got = t.ids();
    expect(got).toEqual(Array.from({ length: 100 }, (_, i) => 901 + i));
    expect(t.gaps()).toMatchObject([{ afterId: 0, beforeId: 901, missing: 900, exact: true }]);
    // The gap travels in the same event as the entry that follows it.
    const withGap = t.batches.find((b) => b.gaps)!;
    expect(withGap.entries[0]!.id).toBe(901);
    // Every produced entry is accounted for: delivered or counted in a gap.
    const missing = t.gaps().reduce((s, g) => s + g.missing, 0);
    expect(got.length + missing).toBe(t.stream.lastId);
  });

  it('backs off x1.5 to 10 s when idle and returns to 1 s when entries arrive', async () => {
    const t = setup();
    t.registry.start(t.stream, 0, 'c1');
    await t.clock.advance(120_000);
    const at = t.stream.requests.map((r) => r.at);
    const gaps = at.slice(1).map((a, i) => a - at[i]!);
    expect(gaps.slice(0, 4)).toEqual([1500, 2250, 3375, 5063]);
    expect(Math.max(...gaps)).toBe(10_000);
    // Entries again: the poll after the one that found them is 1 s later.
    t.stream.produce(3);
    const before = t.stream.requests.length;
    for (let i = 0; i < 200 && t.stream.requests.length === before; i++) await t.clock.advance(100);
    const foundAt = t.stream.requests.at(-1)!.at;
    await t.clock.advance(1000);
    expect(t.stream.requests.at(-1)!.at - foundAt).toBe(1000);
  });

  it('honours a rate limit retry time and backs off after errors, showing each error', async () => {
    const t = setup();
    t.registry.start(t.stream, 0, 'c1');
    await t.clock.advance(10);
    const retryAt = new Date(t.clock.now() + 25_000).toISOString();
    t.stream.failures = [{ kind: 'rate_limited', message: '429', retryAt }];
    await t.clock.advance(1500);
    expect(t.last()).toMatchObject({ state: 'rate_limited', error: { kind: 'rate_limited' } });
    const n = t.stream.requests.length;
    await t.clock.advance(23_000);
    expect(t.stream.requests.length).toBe(n); // nothing before retryAt
    await t.clock.advance(1500);
    expect(t.stream.requests.length).toBe(n + 1);

    t.stream.failures = Array.from({ length: 4 }, () => ({
      kind: 'network' as const,
      message: 'ECONNREFUSED',
    }));
    await t.clock.advance(60_000);
    const at = t.stream.requests.map((r) => r.at).slice(n);
    const waits = at.slice(1).map((a, i) => a - at[i]!);
    expect(waits.slice(1, 4)).toEqual([2000, 4000, 8000]);
    expect(
      t.batches.filter((b) => b.status?.error?.kind === 'network').length,
    ).toBeGreaterThanOrEqual(4);
    expect(t.last()?.error).toBeUndefined(); // cleared by the next success
  });

  it('keeps one request in flight and stops at once: no request after stop', async () => {
    const t = setup();
    const id = t.registry.start(t.stream, 0, 'c1');
    await t.clock.advance(10);
    let release!: () => void;
    t.stream.hold = new Promise((r) => (release = r));
    t.stream.produce(5);
    await t.clock.advance(5000);
    expect(t.stream.requests.length).toBe(2); // the held one; no second request piles up
    expect(t.registry.stop(id, 'c1')).toBe(true);
    expect(t.stream.cancelled).toEqual([t.stream.requests[1]!.id]);
    release();
    t.stream.hold = undefined;
    await t.clock.advance(120_000);
    expect(t.stream.requests.length).toBe(2);
    expect(t.clock.pending).toBe(0);
    expect(t.ids()).toEqual([]); // the answer that landed after stop is dropped
    expect(t.last()?.state).toBe('stopped');
  });

  it('emits at most 10 batches per second, each bounded', async () => {
    const t = setup({ maxPages: 40, maxLimit: 500 });
    t.registry.start(t.stream, 0, 'c1');
    await t.clock.advance(10);
    t.stream.produce(15_000);
    await t.clock.advance(5000);
    expect(t.ids().length).toBe(15_000);
    for (let i = 1; i < t.emitTimes.length; i++)
      expect(t.emitTimes[i]! - t.emitTimes[i - 1]!).toBeGreaterThanOrEqual(100);
    expect(Math.max(...t.batches.map((b) => b.entries.length))).toBeLessThanOrEqual(2000);
  });

  it('runs several tails independently and slows down while hidden', async () => {
    const t = setup();
    const other = new FakeStream(() => t.clock.now());
    t.registry.start(t.stream, 0, 'c1');
    t.registry.start(other, 0, 'c1');
    await t.clock.advance(10);
    t.registry.setHidden('c1', true);
    for (let s = 0; s < 6; s++) {
      t.stream.produce(2);
      other.produce(3);
      await t.clock.advance(10_000);
    }
    const spacing = (s: FakeStream) =>
      s.requests.slice(2).map((r, i) => r.at - s.requests[i + 1]!.at);
    for (const w of spacing(t.stream))
      expect(w).toBeGreaterThanOrEqual(DEFAULT_CADENCE.hiddenMinMs);
    t.registry.setHidden('c1', false);
    const n = other.requests.length;
    other.produce(1);
    await t.clock.advance(1100);
    expect(other.requests.length).toBe(n + 1); // back in view: polled within a second
    const byTail = new Map<string, number>();
    for (const b of t.batches) byTail.set(b.tailId, (byTail.get(b.tailId) ?? 0) + b.entries.length);
    expect([...byTail.values()].sort()).toEqual([12, 19]);
  });

  it('stops tails whose renderer stopped renewing them', async () => {
    const clock = new ManualClock();
    const registry = new TailRegistry({ clock, leaseMs: 60_000, emit: () => undefined });
    const stream = new FakeStream(() => clock.now());
    const a = registry.start(stream, 0, 'c1');
    const b = registry.start(new FakeStream(() => clock.now()), 0, 'c1');
    for (let i = 0; i < 6; i++) {
      await clock.advance(20_000);
      registry.keepalive([a], 'c1');
    }
    expect(registry.keepalive([a, b], 'c1')).toEqual([a]);
    registry.closeAll();
    expect(clock.pending).toBe(0);
  });
});

describe('tails belong to the client (window or tab) that started them', () => {
  it('a hidden client slows only its own tails; the other keeps its 1 s cadence and gets only its batches', async () => {
    const clock = new ManualClock();
    const received = new Map<string, TailBatch[]>([
      ['tab-1', []],
      ['tab-2', []],
    ]);
    const registry = new TailRegistry({
      clock,
      leaseMs: 1e9,
      emit: (b, to) => received.get(to)!.push(b),
    });
    const seen = new FakeStream(() => clock.now());
    const hidden = new FakeStream(() => clock.now());
    const mine = registry.start(seen, 0, 'tab-1');
    const theirs = registry.start(hidden, 0, 'tab-2');
    await clock.advance(10);
    registry.setHidden('tab-2', true);
    for (let s = 0; s < 20; s++) {
      seen.produce(2);
      hidden.produce(2);
      await clock.advance(1000);
    }
    const gaps = (s: FakeStream) => s.requests.slice(2).map((r, i) => r.at - s.requests[i + 1]!.at);
    expect(Math.max(...gaps(seen))).toBeLessThanOrEqual(DEFAULT_CADENCE.activeMs);
    for (const g of gaps(hidden)) expect(g).toBeGreaterThanOrEqual(DEFAULT_CADENCE.hiddenMinMs);
    expect(new Set(received.get('tab-1')!.map((b) => b.tailId))).toEqual(new Set([mine]));
    expect(new Set(received.get('tab-2')!.map((b) => b.tailId))).toEqual(new Set([theirs]));
    // Another client can neither stop nor renew a tail that is not its own.
    expect(registry.stop(mine, 'tab-2')).toBe(false);
    expect(registry.keepalive([mine], 'tab-2')).toEqual([]);
    // A client that goes away takes its tails with it, and only its own.
    registry.clientGone('tab-2');
    expect(registry.size).toBe(1);
    expect(registry.keepalive([mine, theirs], 'tab-1')).toEqual([mine]);
    registry.closeAll();
  });
});

describe('cadence', () => {
  it('never waits less than the server asked', () => {
    const c = new Cadence();
    expect(c.next({ kind: 'rate_limited', retryAtMs: 1000 + 42_000 }, false, 1000)).toBe(42_000);
    expect(c.next({ kind: 'rate_limited', retryAtMs: undefined }, false, 0)).toBe(4000);
  });
});
