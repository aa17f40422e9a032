import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/contract';
import { filteredShares, shareSentence } from '../../../renderer/features/overview/filtered-share';
import { filterSentence } from '../../../renderer/features/providers/filter-sentence';
import { unmappedTraffic } from '../../../renderer/features/providers/unmapped-traffic';
import { fromBody, toBody, valueFromText } from '../../../renderer/features/config-editor/draft';
import { diffIntegration, diffResource } from '../../../shared/domain/diff';
import { diffLines } from '../../../renderer/features/config-editor/diff-lines';
import { validateDraft } from '../../../renderer/features/config-editor/validate';
import { bodyFrom, formFrom } from '../../../renderer/features/webhooks/webhook-form';

let id = 0;
const entry = (event: string, status: LogEntry['status'], eventId = `e${id}`): LogEntry => ({
  id: id++,
  timestamp: '2026-01-01T00:00:00Z',
  event,
  eventId,
  status,
  attempt: 1,
});

const live = {
  enabled: true,
  testMode: false,
  config: { measurementId: 'G-ABC12345', apiSecret: '••••1234' },
  eventMapping: { purchase: 'purchase', add_to_cart: 'add_to_cart' },
  reverseEventMapping: { begin_checkout: 'checkout_begin' },
  eventFilters: {
    purchase: {
      enabled: true,
      conditions: [{ field: 'order.total', operator: 'gte' as const, value: 1 }],
    },
  },
};

describe('filtered share', () => {
  it('computes the share per event, counting retries of one event once', () => {
    const entries = [
      ...Array.from({ length: 29 }, () => entry('purchase', 'filtered')),
      entry('purchase', 'sent', 'p-ok'),
      entry('purchase', 'retrying', 'p-ok'),
      entry('page_view', 'sent'),
    ];
    const shares = filteredShares(entries);
    expect(shares).toEqual([{ event: 'purchase', total: 30, filtered: 29, percent: 96 }]);
    expect(shareSentence(shares[0]!)).toBe('purchase: 96% filtered');
  });
  it('never rounds a leak up to 100%', () => {
    const entries = [
      ...Array.from({ length: 999 }, () => entry('purchase', 'filtered')),
      entry('purchase', 'sent'),
    ];
    expect(filteredShares(entries)[0]!.percent).toBe(99);
  });
});

describe('filter sentences', () => {
  it('reads like the issue asks', () => {
    expect(filterSentence('purchase', live.eventFilters.purchase)).toBe(
      'purchase is forwarded only when order.total ≥ 1',
    );
    expect(filterSentence('purchase', { enabled: false })).toBe(
      'purchase: filter switched off, always forwarded',
    );
    expect(
      filterSentence('add_to_cart', {
        enabled: true,
        conditions: [
          { field: 'currency', operator: 'in', value: ['EUR', 'USD'] },
          { field: 'user.id', operator: 'exists' },
        ],
      }),
    ).toBe(
      'add_to_cart is forwarded only when currency is one of "EUR", "USD" and user.id is present',
    );
  });
});

describe('unmapped traffic', () => {
  it('lists events with traffic and no mapping, most frequent first', () => {
    const entries = [
      entry('custom_event', 'skipped'),
      entry('product_impression', 'skipped'),
      entry('product_impression', 'skipped'),
      entry('purchase', 'sent'),
    ];
    expect(unmappedTraffic(entries, live.eventMapping)).toEqual([
      { event: 'product_impression', count: 2 },
      { event: 'custom_event', count: 1 },
    ]);
  });
});

describe('draft', () => {
  it('round-trips a body through the form rows', () => {
    expect(toBody(fromBody({ ...live, provider: 'ga4', updatedAt: 'x', extraField: 1 }))).toEqual({
      ...live,
      extraField: 1,
    });
  });
  it('types values by operator', () => {
    expect(valueFromText('gte', '100')).toBe(100);
    expect(valueFromText('in', 'EUR, 2, true')).toEqual(['EUR', 2, true]);
    expect(valueFromText('exists', 'ignored')).toBeUndefined();
    expect(valueFromText('eq', '"123"')).toBe('123');
  });
  it('validates with the provider schema and flags duplicate rows', () => {
    const d = fromBody({ ...live, config: { measurementId: 'UA-1' } });
    d.mapping.push({ id: 999, key: 'purchase', value: 'x' });
    const paths = validateDraft('ga4', d).map((i) => i.path);
    expect(paths).toContain('config.measurementId');
    expect(paths).toContain('eventMapping.purchase');
  });
});

describe("diff lines (the shared structured diff in the operator's words)", () => {
  const text = (a: typeof live, b: typeof live) =>
    diffLines(diffIntegration(a, b), ['apiSecret']).map((l) => l.text);
  it('names retargeted mappings, changed conditions, state flips, and hides kept secrets', () => {
    const next = structuredClone(live);
    next.testMode = true;
    next.eventMapping.add_to_cart = 'add_to_basket';
    next.eventFilters.purchase.conditions[0]!.value = 100000;
    expect(text(live, next)).toEqual([
      'State testMode: false → true',
      'Mapping add_to_cart: add_to_cart → add_to_basket (retargeted)',
      'Filter purchase: order.total ≥ 1 → order.total ≥ 100000',
    ]);
  });
  it('shows a new secret without its value', () => {
    const next = { ...live, config: { ...live.config, apiSecret: 'brand-new-secret' } };
    expect(text(live, next)).toEqual(['Config apiSecret: ••••1234 → a new secret']);
  });
  it('marks a removed mapping critical when the diff flags it', () => {
    const next = { ...live, eventMapping: { add_to_cart: 'add_to_cart' } };
    const lines = diffLines(diffIntegration(live, next, { traffic: { purchase: 10 } }));
    expect(lines.map((l) => [l.text, l.kind, l.critical])).toEqual([
      ['Mapping purchase: removed (was purchase)', 'removed', true],
    ]);
  });
  it('reads generic (webhook) diffs and never prints a typed auth secret', () => {
    const a = { name: 'ERP', active: true, authType: 'bearer', authConfig: { token: '••••abcd' } };
    const b = {
      name: 'ERP 2',
      active: true,
      authType: 'bearer',
      authConfig: { token: 'plain-new-token' },
    };
    expect(diffLines(diffResource('webhook', a, b), ['token']).map((l) => l.text)).toEqual([
      'Field authConfig.token: ••••abcd → a new secret',
      'Field name: ERP → ERP 2',
    ]);
  });
});

describe('webhook form', () => {
  const hook = {
    id: 'w1',
    name: 'ERP',
    url: 'https://x.example/h',
    events: ['purchase'],
    authType: 'basic' as const,
    authConfig: { username: 'ops', password: '••••abcd' },
    retryPolicy: { maxAttempts: 3, backoff: 'exponential' as const, initialDelayMs: 5000 },
    active: true,
  };
  it('keeps a stored secret when its box is left empty', () => {
    const body = bodyFrom(formFrom(hook), hook);
    expect(body.authConfig).toEqual({ username: 'ops', password: '••••abcd' });
  });
  it('does not carry a secret over to another auth type', () => {
    const form = { ...formFrom(hook), authType: 'bearer' as const };
    expect(bodyFrom(form, hook).authConfig).toEqual({});
  });
});
