import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  defaultWaves,
  describePatch,
  foldRollout,
  patchBetween,
  waveOf,
  wavesProblem,
  type RolloutEntry,
} from '../../../shared/domain/rollout';

const GA4 = {
  enabled: true,
  testMode: false,
  config: { measurementId: 'G-AAAA1111', apiSecret: '••••1234' },
  eventMapping: { page_view: 'page_view', purchase: 'purchase' },
  reverseEventMapping: { begin_checkout: 'checkout_begin' },
  eventFilters: {},
};

describe('a change as a patch of only the edited fields', () => {
  it('carries mapping entries, filters and switches, never ids or secrets', () => {
    const after = {
      ...GA4,
      testMode: true,
      config: { measurementId: 'G-BBBB2222', apiSecret: 'new-secret' },
      eventMapping: {
        page_view: 'page_view',
        purchase: 'purchase',
        product_impression: 'view_item_list',
      },
      eventFilters: {
        purchase: {
          enabled: true,
          conditions: [{ field: 'order.total', operator: 'gte', value: 1 }],
        },
      },
    };
    const { ops, ignored } = patchBetween(GA4, after);
    expect(ops.map((o) => o.kind)).toEqual(['entry', 'filter', 'flag']);
    expect(ignored).toEqual(['config.apiSecret', 'config.measurementId']);
    expect(JSON.stringify(ops)).not.toContain('G-BBBB2222');
    expect(JSON.stringify(ops)).not.toContain('new-secret');
    expect(describePatch(ops)).toEqual([
      'Mapping: add product_impression → view_item_list',
      'Filter on purchase: add (keep only when order.total gte 1)',
      'testMode: false → true',
    ]);
  });

  it("applies to another site's body like a three-way merge: set, already there, or conflict", () => {
    const { ops } = patchBetween(GA4, {
      ...GA4,
      eventMapping: { ...GA4.eventMapping, product_impression: 'view_item_list' },
    });
    const other = {
      ...GA4,
      config: { measurementId: 'G-OTHER999' },
      eventMapping: { page_view: 'pv' },
    };
    const applied = applyPatch(ops, other);
    expect(applied).toMatchObject({ kind: 'apply' });
    const body = (applied as unknown as { body: typeof other }).body;
    expect(body.eventMapping).toEqual({ page_view: 'pv', product_impression: 'view_item_list' });
    expect(body.config).toEqual({ measurementId: 'G-OTHER999' });
    expect(applyPatch(ops, body)).toEqual({ kind: 'already' });
    const clash = applyPatch(ops, {
      ...other,
      eventMapping: { product_impression: 'view_promotion' },
    });
    expect(clash).toEqual({
      kind: 'conflict',
      reasons: [
        'eventMapping.product_impression is "view_promotion" here; the change expects absent before it.',
      ],
    });
  });

  it('property: the patch turns "before" into "after" on every carried field, and is idempotent', () => {
    const name = fc.constantFrom(
      'page_view',
      'purchase',
      'add_to_cart',
      'search_query',
      'user_login',
    );
    const mapping = fc.dictionary(name, fc.constantFrom('a', 'b', 'c'));
    const body = fc.record({
      enabled: fc.boolean(),
      testMode: fc.boolean(),
      eventMapping: mapping,
      reverseEventMapping: fc.dictionary(fc.constantFrom('x', 'y'), name),
      config: fc.record({ measurementId: fc.constantFrom('G-AAAA1111', 'G-BBBB2222') }),
    });
    fc.assert(
      fc.property(body, body, (before, after) => {
        const { ops } = patchBetween(before, after);
        const r = applyPatch(ops, before);
        if (ops.length === 0) return r.kind === 'already';
        if (r.kind !== 'apply') return false;
        const { config: _a, ...got } = r.body;
        const { config: _b, ...want } = after;
        expect(got).toEqual(want);
        expect(r.body.config).toEqual(before.config);
        return applyPatch(ops, r.body).kind === 'already';
      }),
    );
  });
});

describe('waves', () => {
  it('canary 1, then a quarter, then the rest', () => {
    expect(defaultWaves(12)).toEqual([1, 3, 8]);
    expect(defaultWaves(11)).toEqual([1, 3, 7]);
    expect(defaultWaves(2)).toEqual([1, 1]);
    expect(defaultWaves(1)).toEqual([1]);
    expect(defaultWaves(200)).toEqual([1, 50, 149]);
    expect(wavesProblem([1, 3, 8], 12)).toBeUndefined();
    expect(wavesProblem([1, 3, 7], 12)).toBe('The waves add up to 11 sites, but 12 are picked.');
    expect(wavesProblem([1, 0, 11], 12)).toBe('Every wave needs at least one site.');
    expect([0, 1, 3, 4, 11].map((i) => waveOf([1, 3, 8], i))).toEqual([0, 1, 1, 2, 2]);
  });
});

describe('a rollout folded from its journal', () => {
  const site = (n: number) => ({
    key: `site-${n}`,
    connectionId: 'sandbox',
    siteId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    label: `Shop ${n}`,
  });
  const created: RolloutEntry = {
    seq: 1,
    at: '2026-01-05T10:00:00.000Z',
    type: 'created',
    rolloutId: 'rol-20260105-1a2b3c4d',
    operator: 'Ada',
    title: 'Roll out',
    source: {
      changeId: 'chg-20260105-aabbccdd',
      connectionId: 'sandbox',
      siteId: '00000000-0000-4000-8000-000000000099',
      target: 'ga4',
    },
    patch: [],
    sites: [1, 2, 3, 4].map(site),
    waves: [1, 3],
  };
  const at = (seq: number) => ({ seq, at: `2026-01-05T10:00:0${seq}.000Z` });

  it('halts, is continued past the site it stopped at, passes waves, finishes', () => {
    const halted = foldRollout([
      created,
      { ...at(2), type: 'site_started', key: 'site-1', changeId: 'chg-20260105-00000001' },
      { ...at(3), type: 'wave_passed', wave: 0 },
      { ...at(4), type: 'halted', wave: 1, key: 'site-3', reason: 'Test failed on Shop 3' },
    ]);
    expect(halted.status).toBe('halted');
    expect(halted.wave).toBe(1);
    expect(halted.sites.map((s) => s.wave)).toEqual([0, 1, 1, 1]);
    const next = foldRollout([
      ...halted.entries,
      { ...at(5), type: 'continued', operator: 'Ada', reason: 'known flaky receiver' },
      { ...at(6), type: 'wave_passed', wave: 1 },
      { ...at(7), type: 'finished', outcome: 'completed' },
    ]);
    expect(next.skipped['site-3']).toMatch(/Passed over on "Continue rollout": known flaky/);
    expect(next.halt).toBeUndefined();
    expect(next.wave).toBe(2);
    expect(next.status).toBe('completed');
  });
});
