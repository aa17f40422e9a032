import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  diffIntegration,
  diffResource,
  trafficFromLogs,
} from '../../shared/domain/diff';

const base = {
  enabled: true,
  testMode: false,
  config: { pixelId: '123456789012345', advancedMatching: true },
  eventMapping: { purchase: 'Purchase', add_to_cart: 'AddToCart', page_view: 'PageView' },
  reverseEventMapping: { gtm_purchase: 'purchase' },
  eventFilters: {
    purchase: { enabled: true, conditions: [{ field: 'order.total', operator: 'gte', value: 1 }] },
  },
};
const clone = () => structuredClone(base) as Record<string, any>;

describe('integration diff', () => {
  it('is empty for the same body in another key order, ignoring server bookkeeping', () => {
    const b = {
      ...Object.fromEntries(Object.entries(clone()).reverse()),
      updatedAt: 'now',
      version: 7,
    };
    const d = diffIntegration(base, b);
    expect(d.identical).toBe(true);
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
  });

  it('reads mappings as added, removed and retargeted', () => {
    const b = clone();
    delete (b.eventMapping as Record<string, string>).add_to_cart;
    b.eventMapping.purchase = 'CompletePayment';
    (b.eventMapping as Record<string, string>).search_query = 'Search';
    expect(diffIntegration(base, b).mappings).toEqual([
      { event: 'add_to_cart', change: 'removed', before: 'AddToCart' },
      { event: 'purchase', change: 'retargeted', before: 'Purchase', after: 'CompletePayment' },
      { event: 'search_query', change: 'added', after: 'Search' },
    ]);
  });

  it('reads filter conditions as added, removed and changed, and filters switched', () => {
    const b = clone();
    b.eventFilters.purchase.conditions = [
      { field: 'order.total', operator: 'gte', value: 100000 },
      { field: 'order.currency', operator: 'eq', value: 'EUR' },
    ];
    (b.eventFilters as Record<string, unknown>).add_to_cart = { enabled: false };
    const d = diffIntegration(base, b);
    expect(d.filters).toEqual([
      { event: 'add_to_cart', change: 'filter_added', after: { enabled: false } },
      {
        event: 'purchase',
        change: 'condition_changed',
        before: base.eventFilters.purchase.conditions[0],
        after: b.eventFilters.purchase.conditions[0],
      },
      {
        event: 'purchase',
        change: 'condition_added',
        after: b.eventFilters.purchase.conditions[1],
      },
    ]);
    const off = clone();
    off.eventFilters.purchase.enabled = false;
    off.eventFilters.purchase.conditions = [];
    expect(diffIntegration(base, off).filters.map((f) => f.change)).toEqual([
      'filter_disabled',
      'condition_removed',
    ]);
  });

  it('reports config fields and switches', () => {
    const b = clone();
    b.config.pixelId = '999999999999999';
    delete (b.config as Record<string, unknown>).advancedMatching;
    b.testMode = true;
    const d = diffIntegration(base, b);
    expect(d.config).toEqual([
      { path: 'advancedMatching', change: 'removed', before: true },
      { path: 'pixelId', change: 'changed', before: '123456789012345', after: '999999999999999' },
    ]);
    expect(d.switches).toEqual([
      { path: 'testMode', change: 'changed', before: false, after: true },
    ]);
    expect(d.critical).toEqual([]);
  });
});

describe("integration diff: cases moved from the console editor's own diff", () => {
  it('reads a secret sent back masked as no change (the API keeps the stored value)', () => {
    const masked = { ...clone(), config: { ...base.config, accessToken: '••••1234' } };
    expect(diffIntegration(masked, structuredClone(masked)).identical).toBe(true);
    const typed = { ...masked, config: { ...masked.config, accessToken: 'new-token' } };
    expect(diffIntegration(masked, typed).config).toEqual([
      { path: 'accessToken', change: 'changed', before: '••••1234', after: 'new-token' },
    ]);
  });
  it('treats a missing enabled/testMode as the contract defaults', () => {
    const { enabled: _e, testMode: _t, ...bare } = clone();
    expect(diffIntegration(base, bare).switches).toEqual([]);
  });
});

describe('critical flags', () => {
  const logs = [
    { event: 'purchase', status: 'sent' },
    { event: 'purchase', status: 'skipped' },
    { event: 'page_view', status: 'sent' },
    { event: 'add_to_cart', status: 'sent', test: true },
  ];

  it('flags a removed mapping only for events with traffic', () => {
    const b = clone();
    delete (b.eventMapping as Record<string, string>).purchase;
    delete (b.eventMapping as Record<string, string>).add_to_cart; // only test traffic: not flagged
    const d = diffIntegration(base, b, { traffic: trafficFromLogs(logs) });
    expect(d.critical).toEqual([
      expect.objectContaining({
        code: 'mapping_removed_with_traffic',
        event: 'purchase',
        evidence: 'observed',
      }),
    ]);
    // Without logs, every removal is a possible risk.
    expect(diffIntegration(base, b).critical.map((c) => c.evidence)).toEqual([
      'possible',
      'possible',
    ]);
  });

  it('proves a filter that newly drops an event on recent payloads', () => {
    const b = clone();
    b.eventFilters.purchase.conditions = [{ field: 'order.total', operator: 'gte', value: 100000 }];
    const samples = [
      { event: 'purchase', payload: { order: { total: 89.9 } } },
      { event: 'purchase', payload: { order: { total: 250000 } } },
    ];
    const d = diffIntegration(base, b, { traffic: trafficFromLogs(logs), samples });
    expect(d.critical).toEqual([
      expect.objectContaining({
        code: 'filter_drops_event',
        event: 'purchase',
        evidence: 'observed',
      }),
    ]);
    expect(d.critical[0]!.message).toMatch(/drops 1 of 2/);
    // Loosening a filter is not critical when every sample passes.
    expect(diffIntegration(b, base, { traffic: trafficFromLogs(logs), samples }).critical).toEqual(
      [],
    );
    // No payloads, but purchases occur: a possible drop.
    expect(diffIntegration(base, b, { traffic: trafficFromLogs(logs) }).critical[0]).toMatchObject({
      evidence: 'possible',
    });
  });

  it('flags an integration turned off', () => {
    expect(
      diffIntegration(base, { ...clone(), enabled: false }).critical.map((c) => c.code),
    ).toEqual(['integration_disabled']);
  });

  it('diffs webhooks and the data layer generically with their off switch', () => {
    const hook = {
      name: 'ERP',
      url: 'https://a.example/h',
      active: true,
      retryPolicy: { maxAttempts: 3 },
      id: 'x',
      updatedAt: '1',
    };
    const d = diffResource('webhook', hook, {
      ...hook,
      active: false,
      retryPolicy: { maxAttempts: 5 },
      updatedAt: '2',
    });
    expect(d.changes.map((c) => c.path)).toEqual(['active', 'retryPolicy.maxAttempts']);
    expect(d.critical.map((c) => c.code)).toEqual(['webhook_deactivated']);
    expect(
      diffResource('data-layer', { enabled: true }, { enabled: false }).critical.map((c) => c.code),
    ).toEqual(['data_layer_disabled']);
  });
});
