import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  classifyEvent,
  evaluateCondition,
  evaluateFilter,
  getPath,
  reverseMap,
} from '../../shared/domain/rules';
import type { FilterCondition } from '../../shared/contract';

const payload = {
  order: {
    id: 'o-1',
    total: 120.5,
    currency: 'EUR',
    tags: ['gift', 'promo'],
    note: 'leave at door',
  },
  basket: { products: [{ sku: 'A' }, { sku: 'B' }] },
  user: { id: 'u1', email: null },
  totalAsText: '42',
};
const cond = (
  field: string,
  operator: FilterCondition['operator'],
  value?: unknown,
): FilterCondition => ({ field, operator, value });

describe('getPath', () => {
  test('objects, arrays, missing, primitives along the way', () => {
    expect(getPath(payload, 'order.total')).toBe(120.5);
    expect(getPath(payload, 'basket.products.1.sku')).toBe('B');
    expect(getPath(payload, 'basket.products.9.sku')).toBeUndefined();
    expect(getPath(payload, 'order.total.cents')).toBeUndefined();
    expect(getPath(payload, 'nope.deeper')).toBeUndefined();
    expect(getPath(null, 'a')).toBeUndefined();
  });
  test('never reaches the prototype', () => {
    expect(getPath({}, '__proto__')).toBeUndefined();
    expect(getPath({}, 'constructor')).toBeUndefined();
    expect(getPath({ a: {} }, 'a.toString')).toBeUndefined();
  });
});

describe('evaluateCondition: every operator both ways', () => {
  const cases: [FilterCondition, boolean][] = [
    [cond('order.currency', 'eq', 'EUR'), true],
    [cond('order.currency', 'eq', 'eur'), false],
    [cond('order.currency', 'neq', 'USD'), true],
    [cond('order.currency', 'neq', 'EUR'), false],
    [cond('order.total', 'gt', 120), true],
    [cond('order.total', 'gt', 120.5), false],
    [cond('order.total', 'gte', 120.5), true],
    [cond('order.total', 'gte', 121), false],
    [cond('order.total', 'lt', 121), true],
    [cond('order.total', 'lt', 120.5), false],
    [cond('order.total', 'lte', 120.5), true],
    [cond('order.total', 'lte', 1), false],
    [cond('totalAsText', 'gte', 40), true],
    [cond('order.currency', 'gte', 1), false],
    [cond('order.missing', 'gte', 0), false],
    [cond('order.currency', 'in', ['EUR', 'USD']), true],
    [cond('order.currency', 'in', ['GBP']), false],
    [cond('order.currency', 'nin', ['GBP']), true],
    [cond('order.currency', 'nin', ['EUR']), false],
    [cond('order.note', 'contains', 'door'), true],
    [cond('order.note', 'contains', 'window'), false],
    [cond('order.tags', 'contains', 'gift'), true],
    [cond('order.tags', 'contains', 'sale'), false],
    [cond('order.total', 'contains', 1), false],
    [cond('order.id', 'exists'), true],
    [cond('user.email', 'exists'), false],
    [cond('order.coupon', 'not_exists'), true],
    [cond('user.email', 'not_exists'), true],
    [cond('order.id', 'not_exists'), false],
  ];
  test.each(cases)('%j -> %s', (c, expected) => {
    expect(evaluateCondition(c, payload).ok).toBe(expected);
  });
  test('the failure reason names field, operator, expected and actual', () => {
    const r = evaluateCondition(cond('order.total', 'gte', 500), payload);
    expect(r).toEqual({ ok: false, reason: 'order.total gte 500 failed (actual: 120.5)' });
  });
});

describe('evaluateFilter', () => {
  test('absent, disabled and condition-less filters forward', () => {
    expect(evaluateFilter(undefined, payload)).toEqual({ pass: true });
    expect(
      evaluateFilter({ enabled: false, conditions: [cond('order.total', 'gt', 1e9)] }, payload),
    ).toEqual({ pass: true });
    expect(evaluateFilter({ enabled: true }, payload)).toEqual({ pass: true });
  });
  test('AND: the first failing condition is reported', () => {
    const c2 = cond('order.currency', 'eq', 'USD');
    const r = evaluateFilter(
      {
        enabled: true,
        conditions: [cond('order.total', 'gte', 1), c2, cond('order.id', 'not_exists')],
      },
      payload,
    );
    expect(r).toMatchObject({ pass: false, condition: c2 });
  });
  test('property: a filter passes exactly when every condition holds', () => {
    const ops = ['gt', 'gte', 'lt', 'lte'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...ops), fc.integer({ min: -5, max: 5 })), {
          maxLength: 5,
        }),
        fc.integer({ min: -5, max: 5 }),
        (conds, total) => {
          const conditions = conds.map(([op, v]) => cond('order.total', op, v));
          const all = conditions.every((c) => evaluateCondition(c, { order: { total } }).ok);
          expect(evaluateFilter({ enabled: true, conditions }, { order: { total } }).pass).toBe(
            all,
          );
        },
      ),
    );
  });
});

describe('classifyEvent: reverse mapping -> filters -> mapping', () => {
  const integ = {
    eventMapping: { purchase: 'Purchase', checkout_begin: 'InitiateCheckout' },
    reverseEventMapping: { begin_checkout: 'checkout_begin' },
    eventFilters: {
      purchase: { enabled: true, conditions: [cond('order.total', 'gte', 1)] },
      page_view: { enabled: true, conditions: [cond('page.path', 'exists')] },
    },
  };
  test('reverseMap folds external names, leaves canonical ones', () => {
    expect(reverseMap(integ.reverseEventMapping, 'begin_checkout')).toBe('checkout_begin');
    expect(reverseMap(integ.reverseEventMapping, 'purchase')).toBe('purchase');
    expect(reverseMap(undefined, 'x')).toBe('x');
    expect(reverseMap({}, 'constructor')).toBe('constructor');
  });
  test('sent with the mapped name after reverse mapping', () => {
    expect(classifyEvent(integ, { name: 'begin_checkout', payload: {} })).toEqual({
      status: 'sent',
      canonical: 'checkout_begin',
      mappedEvent: 'InitiateCheckout',
    });
  });
  test('filtered with the failing condition', () => {
    const r = classifyEvent(integ, { name: 'purchase', payload: { order: { total: 0 } } });
    expect(r).toMatchObject({
      status: 'filtered',
      canonical: 'purchase',
      failingCondition: { field: 'order.total' },
    });
  });
  test('filters run before mapping: an unmapped event whose filter fails is filtered, not skipped', () => {
    expect(classifyEvent(integ, { name: 'page_view', payload: {} }).status).toBe('filtered');
  });
  test('unmapped = skipped with reason no_mapping', () => {
    expect(classifyEvent(integ, { name: 'page_view', payload: { page: { path: '/' } } })).toEqual({
      status: 'skipped',
      canonical: 'page_view',
      reason: 'no_mapping',
    });
    expect(classifyEvent({}, { name: 'purchase', payload: {} })).toMatchObject({
      status: 'skipped',
    });
  });
});
