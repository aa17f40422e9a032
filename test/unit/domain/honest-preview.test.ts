import { describe, expect, it } from 'vitest';
import type { FilterOperator, LogEntry } from '../../../shared/contract';
import { diffIntegration, evidenceFromLogs, filterDirection } from '../../../shared/domain/diff';
import { previewImpact } from '../../../shared/domain/impact';

type Filter = {
  enabled: boolean;
  conditions: { field: string; operator: FilterOperator; value?: unknown }[];
};
const gte = (value: number): Filter => ({
  enabled: true,
  conditions: [{ field: 'order.total', operator: 'gte', value }],
});
const body = (purchaseFilter?: Filter) => ({
  enabled: true,
  testMode: false,
  eventMapping: { purchase: 'Purchase', page_view: 'PageView' },
  eventFilters: (purchaseFilter ? { purchase: purchaseFilter } : {}) as Record<string, Filter>,
});

let id = 0;
/** Log entries as the API writes them: a provider summary (value, currency), never order.total. */
const logged = (event: string, status: LogEntry['status']): LogEntry => ({
  id: id++,
  timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, id)).toISOString(),
  event,
  eventId: `e${id}`,
  status,
  attempt: 1,
  payload:
    status === 'filtered'
      ? { condition: { field: 'order.total', operator: 'gte', value: 100000 } }
      : { event_name: event, value: 120.5, currency: 'EUR' },
});
const logs = [
  ...Array.from({ length: 26 }, () => logged('purchase', 'filtered')),
  ...Array.from({ length: 40 }, () => logged('page_view', 'sent')),
];

describe('the impact preview is honest about fields the logs do not carry', () => {
  it('the filter_suppression fix (gte 100000 -> gte 1) is "not previewable", not "0 -> 0 sent"', () => {
    const impact = previewImpact(body(gte(100000)), body(gte(1)), logs);
    const row = impact.rows.find((r) => r.event === 'purchase')!;
    expect(row.notPreviewable?.fields).toEqual(['order.total']);
    expect(row.notPreviewable?.message).toBe(
      'order.total is not in the logged events: the effect of this filter cannot be previewed',
    );
    // No invented verdict: "after" repeats what was logged, and nothing is flagged on it.
    expect(row.after).toEqual(row.before);
    expect(impact.flags).toEqual([]);
    expect(impact.notes).toContain(
      'purchase: order.total is not in the logged events: the effect of this filter cannot be previewed.',
    );
  });

  it('does not claim "stricter" for a threshold lowered on gte', () => {
    expect(filterDirection(gte(100000), gte(1))).toBe('looser');
    const diff = diffIntegration(body(gte(100000)), body(gte(1)), evidenceFromLogs(logs));
    expect(diff.kind === 'integration' && diff.critical).toEqual([]);
  });

  it('a raised threshold is stricter, and says the logs lack the field instead of guessing counts', () => {
    expect(filterDirection(gte(1), gte(100000))).toBe('stricter');
    const diff = diffIntegration(body(gte(1)), body(gte(100000)), evidenceFromLogs(logs));
    const flags = diff.kind === 'integration' ? diff.critical : [];
    expect(flags).toHaveLength(1);
    expect(flags[0]!.message).toMatch(/became stricter .* do not carry order\.total/);
    expect(flags[0]!.evidence).toBe('possible');
  });

  it('an operator swap cannot be judged: the flag says "may drop more", never "stricter"', () => {
    const lte: Filter = {
      enabled: true,
      conditions: [{ field: 'order.total', operator: 'lte', value: 5 }],
    };
    expect(filterDirection(gte(1), lte)).toBe('unknown');
    const diff = diffIntegration(body(gte(1)), body(lte), evidenceFromLogs(logs));
    const flags = diff.kind === 'integration' ? diff.critical : [];
    expect(flags[0]!.message).toMatch(/may drop more/);
    expect(flags[0]!.message).not.toMatch(/stricter/);
  });

  it('directions: added/removed conditions, filters switched, in/nin lists', () => {
    const cond = (field: string, operator: string, value: unknown) => ({ field, operator, value });
    const f = (...conditions: ReturnType<typeof cond>[]) => ({ enabled: true, conditions });
    expect(filterDirection(undefined, f(cond('a', 'eq', 1)))).toBe('stricter');
    expect(filterDirection(f(cond('a', 'eq', 1)), undefined)).toBe('looser');
    expect(
      filterDirection(f(cond('a', 'eq', 1)), { ...f(cond('a', 'eq', 1)), enabled: false }),
    ).toBe('looser');
    expect(
      filterDirection(f(cond('a', 'eq', 1)), f(cond('a', 'eq', 1), cond('b', 'exists', null))),
    ).toBe('stricter');
    expect(filterDirection(f(cond('a', 'in', [1])), f(cond('a', 'in', [1, 2])))).toBe('looser');
    expect(filterDirection(f(cond('a', 'nin', [1])), f(cond('a', 'nin', [1, 2])))).toBe('stricter');
    expect(filterDirection(f(cond('a', 'lt', 5)), f(cond('a', 'lt', 9)))).toBe('looser');
    expect(
      filterDirection(
        f(cond('a', 'gt', 5), cond('b', 'lt', 5)),
        f(cond('a', 'gt', 9), cond('b', 'lt', 9)),
      ),
    ).toBe('unknown');
  });

  it('a changed filter on a field the logs do carry is still replayed and counted', () => {
    const onValue = (v: number): Filter => ({
      enabled: true,
      conditions: [{ field: 'value', operator: 'gte', value: v }],
    });
    const sent = Array.from({ length: 10 }, () => logged('purchase', 'sent'));
    const impact = previewImpact(body(onValue(1)), body(onValue(1000)), sent);
    const row = impact.rows.find((r) => r.event === 'purchase')!;
    expect(row.notPreviewable).toBeUndefined();
    expect(row.after).toEqual({ sent: 0, filtered: 10, skipped: 0 });
  });
});
