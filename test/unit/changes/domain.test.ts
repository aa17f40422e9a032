import { describe, expect, it } from 'vitest';
import { detectAnomalies, windowFromEntries } from '../../../shared/domain/anomaly';
import { previewImpact } from '../../../shared/domain/impact';
import {
  applyKey,
  foldChange,
  legalActions,
  type JournalEntry,
} from '../../../shared/domain/workflow';

const SITE = '3f1c2a9e-4b5d-4c6e-8f70-112233445566';
let seq = 0;
const e = (x: Record<string, unknown>) =>
  ({
    seq: ++seq,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    ...x,
  }) as JournalEntry;
const started = () =>
  e({
    type: 'started',
    changeId: 'c1',
    connectionId: 'sandbox',
    siteId: SITE,
    target: 'ga4',
    operator: 'Ada',
    kind: 'change',
  });
const body = { enabled: true, testMode: false, config: {}, eventMapping: { purchase: 'purchase' } };

describe('workflow state machine', () => {
  it('walks Baseline -> Config -> Test -> Health -> Monitor -> Close, one legal step at a time', () => {
    seq = 0;
    const j: JournalEntry[] = [started()];
    const at = () => foldChange(j);
    expect(at().step).toBe('baseline');
    expect(legalActions(at())).not.toContain('apply');
    expect(legalActions(at())).not.toContain('rollback');
    j.push(e({ type: 'baseline', body, etag: '"1"', snapshotVersion: 1 }));
    expect(at().step).toBe('config');
    expect(legalActions(at())).toEqual(expect.arrayContaining(['apply', 'save_draft']));
    expect(legalActions(at())).not.toContain('run_test');
    j.push(e({ type: 'apply_intent', key: 'k1', body }));
    expect(at().pendingIntent?.key).toBe('k1');
    j.push(e({ type: 'apply_done', key: 'k1', recovered: false }));
    expect(at().step).toBe('test');
    expect(legalActions(at())).toEqual(expect.arrayContaining(['run_test', 'rollback']));
    expect(legalActions(at())).not.toContain('check_health');
    j.push(e({ type: 'test', trigger: 'auto', run: { ok: false, error: 'boom' } }));
    expect(at().step).toBe('test'); // a failed test does not advance
    j.push(e({ type: 'test', trigger: 'manual', run: { ok: true } }));
    expect(at().step).toBe('health');
    expect(legalActions(at())).not.toContain('start_monitoring');
    j.push(e({ type: 'health', comparison: { regressions: [], improved: [] } }));
    expect(at().step).toBe('monitor');
    expect(legalActions(at())).toContain('start_monitoring');
    expect(legalActions(at())).not.toContain('mark_known_good');
    const w = windowFromEntries([]);
    j.push(
      e({
        type: 'monitor_started',
        windowMinutes: 1,
        endsAt: '2026-01-01T01:00:00.000Z',
        baseline: w,
      }),
    );
    expect(legalActions(at())).not.toContain('start_monitoring');
    j.push(
      e({
        type: 'monitor_done',
        summary: {
          startedAt: '',
          endedAt: '',
          windowMinutes: 1,
          fullWindow: true,
          baseline: w,
          observed: w,
          anomalies: [],
        },
      }),
    );
    expect(at().step).toBe('close');
    expect(legalActions(at())).toContain('mark_known_good');
    j.push(e({ type: 'closed', outcome: 'known_good', afterSnapshotVersion: 2 }));
    expect(at()).toMatchObject({ open: false, outcome: 'known_good' });
    expect(legalActions(at())).toEqual(['note']);
  });

  it('a conflict sends the change back to Baseline; a rollback goes to Close', () => {
    seq = 0;
    const j: JournalEntry[] = [
      started(),
      e({ type: 'baseline', body, etag: '"1"' }),
      e({ type: 'apply_intent', key: 'k', body }),
    ];
    j.push(
      e({
        type: 'apply_failed',
        key: 'k',
        requiresBaseline: true,
        error: { kind: 'conflict', message: 'x' },
      }),
    );
    expect(foldChange(j).step).toBe('baseline');
    j.push(
      e({ type: 'baseline', body, etag: '"2"' }),
      e({ type: 'apply_intent', key: 'k2', body }),
      e({ type: 'apply_done', key: 'k2', recovered: false }),
    );
    expect(foldChange(j).step).toBe('test');
    j.push(e({ type: 'rollback', action: 'disable', ok: true }));
    expect(foldChange(j).step).toBe('close');
    expect(legalActions(foldChange(j))).toEqual(
      expect.arrayContaining(['close_rolled_back', 'rollback']),
    );
    expect(legalActions(foldChange(j))).not.toContain('mark_known_good');
  });

  it('idempotency keys are stable for the same body and differ per apply and body', () => {
    expect(applyKey('c1', 1, { a: 1, b: 2 })).toBe(applyKey('c1', 1, { b: 2, a: 1 }));
    expect(applyKey('c1', 1, body)).not.toBe(applyKey('c1', 2, body));
    expect(applyKey('c1', 1, body)).not.toBe(applyKey('c1', 1, { ...body, enabled: false }));
  });
});

const log = (event: string, status: string, i: number, payload?: Record<string, unknown>) => ({
  id: i,
  timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  event,
  status: status as 'sent',
  eventId: `e${i}`,
  attempt: 1,
  ...(payload ? { payload } : {}),
});

describe('impact preview', () => {
  const before = {
    eventMapping: { purchase: 'purchase', page_view: 'page_view' },
    eventFilters: {
      purchase: {
        enabled: true,
        conditions: [{ field: 'order.total', operator: 'gte' as const, value: 1 }],
      },
    },
  };
  const logs = [
    log('purchase', 'sent', 1, { value: 10 }),
    log('purchase', 'sent', 2),
    log('page_view', 'sent', 3, { page: { type: 'home' } }),
    log('custom_event', 'skipped', 4),
    log('page_view', 'sent', 5, { page: { type: 'cart' } }),
  ];

  it('flags a removed mapping: every purchase would be skipped', () => {
    const p = previewImpact(before, { ...before, eventMapping: { page_view: 'page_view' } }, logs);
    const row = p.rows.find((r) => r.event === 'purchase')!;
    expect(row).toMatchObject({
      rulesChanged: true,
      before: { sent: 2, skipped: 0 },
      after: { sent: 0, skipped: 2 },
    });
    expect(p.flags).toEqual([
      expect.objectContaining({ code: 'event_dropped', event: 'purchase' }),
    ]);
    expect(p.rows.find((r) => r.event === 'page_view')).toMatchObject({
      rulesChanged: false,
      before: { sent: 2 },
      after: { sent: 2 },
    });
  });

  it('shows an added mapping as skipped -> sent, and keeps logged outcomes for unchanged rules', () => {
    const p = previewImpact(
      before,
      { ...before, eventMapping: { ...before.eventMapping, custom_event: 'custom' } },
      logs,
    );
    expect(p.rows.find((r) => r.event === 'custom_event')).toMatchObject({
      before: { skipped: 1 },
      after: { sent: 1 },
    });
    // The purchase filter reads order.total, absent from the log summary: unchanged rules keep the logged outcome.
    expect(p.rows.find((r) => r.event === 'purchase')).toMatchObject({
      after: { sent: 2, filtered: 0 },
    });
    expect(p.flags).toEqual([]);
  });

  it('flags an over-eager filter on a field the logged summaries carry', () => {
    const p = previewImpact(
      before,
      {
        ...before,
        eventFilters: {
          page_view: {
            enabled: true,
            conditions: [{ field: 'page.type', operator: 'eq' as const, value: 'never' }],
          },
        },
      },
      logs,
    );
    expect(p.rows.find((r) => r.event === 'page_view')).toMatchObject({
      after: { sent: 0, filtered: 2 },
    });
    expect(p.flags.some((f) => f.event === 'page_view' && f.code === 'event_dropped')).toBe(true);
  });
});

describe('anomaly detection', () => {
  const many = (n: number, event: string, status: string, from = 0) =>
    Array.from({ length: n }, (_, i) => log(event, status, from + i));
  const baseline = windowFromEntries([
    ...many(50, 'page_view', 'sent'),
    ...many(10, 'purchase', 'sent', 50),
  ]);

  it('is quiet when nothing changed', () => {
    expect(
      detectAnomalies(
        baseline,
        windowFromEntries([...many(50, 'page_view', 'sent'), ...many(10, 'purchase', 'sent', 50)]),
      ),
    ).toEqual([]);
  });
  it('flags volume down for an event now skipped, on its first occurrence', () => {
    const a = detectAnomalies(
      baseline,
      windowFromEntries([...many(50, 'page_view', 'sent'), ...many(1, 'purchase', 'skipped', 50)]),
    );
    expect(a).toEqual([expect.objectContaining({ code: 'volume_down', event: 'purchase' })]);
  });
  it('flags failure rate up and filtered share up', () => {
    const a = detectAnomalies(
      baseline,
      windowFromEntries([...many(30, 'page_view', 'failed'), ...many(30, 'page_view', 'sent', 30)]),
    );
    expect(a.map((x) => x.code)).toContain('failure_rate_up');
    const f = detectAnomalies(
      baseline,
      windowFromEntries([
        ...many(30, 'page_view', 'filtered'),
        ...many(30, 'page_view', 'sent', 30),
      ]),
    );
    expect(f.map((x) => x.code)).toContain('filtered_share_up');
  });
});
