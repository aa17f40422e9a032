import { describe, expect, it } from 'vitest';
import { Rounds } from '../../../main/core/fleet/rounds';

function drain(r: Rounds, now: number, visible = new Set<string>()): string[] {
  const out: string[] = [];
  for (;;) {
    const n = r.next(now, visible);
    if ('waitMs' in n) return out;
    out.push(n.key);
  }
}

describe('fleet polling rounds', () => {
  it('reads every site once in the first round, what is on screen first', () => {
    const r = new Rounds({ calmEvery: 6, minRoundMs: 5_000 }, 0);
    r.setSites(['a', 'b', 'c', 'd']);
    expect(drain(r, 0, new Set(['c']))).toEqual(['c', 'a', 'b', 'd']);
    expect(r.complete()).toBe(false);
    for (const k of ['a', 'b', 'c', 'd']) r.setHeat(k, 'calm');
    expect(r.complete()).toBe(true);
  });

  it('hot sites every round, calm ones every 6th, never twice in a round, rounds at least 5 s apart', () => {
    const r = new Rounds({ calmEvery: 6, minRoundMs: 5_000 }, 0);
    r.setSites(['fail', 'deg', 'open', 'calm1', 'calm2']);
    drain(r, 0);
    r.setHeat('fail', 'failing');
    r.setHeat('deg', 'degraded');
    r.setHeat('open', 'change_open');
    r.setHeat('calm1', 'calm');
    r.setHeat('calm2', 'calm');
    expect(r.next(1_000, new Set())).toEqual({ waitMs: 4_000 });
    const counts = new Map<string, number>();
    for (let round = 1; round <= 12; round++) {
      const keys = drain(r, round * 5_000);
      expect(new Set(keys).size).toBe(keys.length);
      for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      if (round < 12) expect(r.next(round * 5_000 + 1, new Set())).toHaveProperty('waitMs');
    }
    expect(counts.get('fail')).toBe(12);
    expect(counts.get('deg')).toBe(12);
    expect(counts.get('open')).toBe(12);
    expect(counts.get('calm1')).toBe(2);
    // Failing first, then open changes, then degraded.
    expect(drain(r, 13 * 5_000)).toEqual(['fail', 'open', 'deg']);
  });

  it('a visible calm site is read every round; after an outage everything is due again', () => {
    const r = new Rounds({ calmEvery: 6, minRoundMs: 1_000 }, 0);
    r.setSites(['a', 'b']);
    drain(r, 0);
    r.setHeat('a', 'calm');
    r.setHeat('b', 'calm');
    expect(drain(r, 1_000, new Set(['b']))).toEqual(['b']);
    r.forgetReads();
    expect(drain(r, 1_500)).toEqual(['a', 'b']);
  });

  it('new sites start unread (read next), removed ones are forgotten', () => {
    const r = new Rounds({ calmEvery: 6, minRoundMs: 1_000 }, 0);
    r.setSites(['a']);
    drain(r, 0);
    r.setHeat('a', 'calm');
    r.setSites(['a', 'z']);
    expect(r.complete()).toBe(false);
    expect(drain(r, 10)).toEqual(['z']);
    r.setSites(['z']);
    r.setHeat('z', 'calm');
    expect(r.complete()).toBe(true);
  });
});
