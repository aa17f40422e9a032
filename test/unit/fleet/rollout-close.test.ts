import { describe, expect, it } from 'vitest';
import { closeWave } from '../../../main/core/fleet/rollout/wave';
import type { RolloutChanges } from '../../../main/core/fleet/rollout/ports';
import type { Anomaly, HealthComparison } from '../../../shared/domain/anomaly/schema';
import { foldRollout, type RolloutEntry } from '../../../shared/domain/rollout';
import { toAcknowledge } from '../../../shared/domain/workflow/acknowledge';
import type { JournalEntry } from '../../../shared/domain/workflow/entries';
import { foldChange } from '../../../shared/domain/workflow/fold';

/**
 * Closing a monitored wave under the rule that known-good waits for every regression and anomaly
 * to be acknowledged. The changes are real journals folded by the real fold; the port's close
 * refuses as the change service does (the same `toAcknowledge`).
 */
const SITES = ['3f1c2a9e-4b5d-4c6e-8f70-112233445566', '4f1c2a9e-4b5d-4c6e-8f70-112233445566'];
const body = { enabled: true, testMode: false, config: {}, eventMapping: { purchase: 'purchase' } };

function journalAtClose(
  id: string,
  siteId: string,
  health: HealthComparison,
  anomalies: Anomaly[] = [],
) {
  let seq = 0;
  const e = (x: Record<string, unknown>) =>
    ({
      seq: ++seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      ...x,
    }) as JournalEntry;
  const window = { events: {}, statuses: {} };
  return [
    e({
      type: 'started',
      changeId: id,
      connectionId: 'sandbox',
      siteId,
      target: 'ga4',
      operator: 'Ada',
      kind: 'change',
    }),
    e({ type: 'baseline', body, etag: '"1"', snapshotVersion: 1 }),
    e({ type: 'apply_intent', key: 'k1', body }),
    e({ type: 'apply_done', key: 'k1', recovered: false }),
    e({ type: 'test', trigger: 'auto', run: { ok: true } }),
    e({ type: 'health', comparison: health }),
    e({
      type: 'monitor_started',
      windowMinutes: 1,
      endsAt: '2026-01-01T01:00:00.000Z',
      baseline: window,
    }),
    ...(anomalies.length ? [e({ type: 'anomaly', anomalies })] : []),
    e({
      type: 'monitor_done',
      summary: {
        startedAt: '',
        endedAt: '',
        windowMinutes: 1,
        fullWindow: true,
        baseline: window,
        observed: window,
        anomalies,
      },
    }),
  ];
}

function port(journals: Map<string, JournalEntry[]>) {
  const state = (id: string) => foldChange(journals.get(id)!);
  const append = (id: string, x: Record<string, unknown>) => {
    const j = journals.get(id)!;
    j.push({ seq: j.length + 1, at: new Date().toISOString(), ...x } as JournalEntry);
    return state(id);
  };
  const changes: Partial<RolloutChanges> = {
    state,
    acknowledge: (id, items, reason) =>
      Promise.resolve(append(id, { type: 'acknowledged', items, reason })),
    close: (id, outcome) => {
      const unread = outcome === 'known_good' ? toAcknowledge(state(id)) : [];
      if (unread.length) return Promise.reject(new Error(`not acknowledged: ${unread.join(' ')}`));
      return Promise.resolve(append(id, { type: 'closed', outcome }));
    },
  };
  return changes as RolloutChanges;
}

function rolloutOf(changeIds: string[]) {
  let seq = 0;
  const at = '2026-01-01T00:00:00.000Z';
  const entries = [
    {
      seq: ++seq,
      at,
      type: 'created',
      rolloutId: 'rol-20260101-1a2b3c4d',
      operator: 'Ada',
      title: 'Rollout of GA4',
      source: { changeId: 'chg-source', connectionId: 'sandbox', siteId: SITES[0]!, target: 'ga4' },
      patch: [],
      sites: changeIds.map((_, i) => ({
        key: `site-${i}`,
        connectionId: 'sandbox',
        siteId: SITES[i]!,
        label: `Shop ${i}`,
      })),
      waves: [changeIds.length],
    },
    ...changeIds.map((changeId, i) => ({
      seq: ++seq,
      at,
      type: 'site_started',
      key: `site-${i}`,
      changeId,
    })),
  ] as RolloutEntry[];
  return foldRollout(entries);
}

const unknownAfterApply: HealthComparison = {
  before: { status: 'healthy' },
  after: { status: 'unknown' },
  regressions: ['Status healthy -> unknown'],
  improved: [],
};
const checkFails: HealthComparison = {
  before: { status: 'healthy' },
  after: { status: 'degraded' },
  regressions: ['Check deliver: failing'],
  improved: [],
};

describe('closing a monitored wave known-good', () => {
  it('a health "unknown" right after the apply is acknowledged by the rollout with its reason, then closed', async () => {
    const journals = new Map([['c1', journalAtClose('c1', SITES[0]!, unknownAfterApply)]]);
    const changes = port(journals);
    expect(await closeWave(changes, rolloutOf(['c1']))).toBeUndefined();
    const c = changes.state('c1');
    expect(c).toMatchObject({ open: false, outcome: 'known_good' });
    expect(c.acknowledged.at(-1)?.reason).toMatch(
      /^Rollout rol-20260101-1a2b3c4d: health was unknown/,
    );
  });

  it('a regression with evidence halts the rollout at that site; its change stays open, never known-good', async () => {
    const journals = new Map([
      ['c1', journalAtClose('c1', SITES[0]!, unknownAfterApply)],
      ['c2', journalAtClose('c2', SITES[1]!, checkFails)],
    ]);
    const changes = port(journals);
    const halt = await closeWave(changes, rolloutOf(['c1', 'c2']));
    expect(halt).toMatchObject({ kind: 'halt', key: 'site-1' });
    expect(halt?.kind === 'halt' && halt.reason).toMatch(
      /Shop 1 cannot be marked known-good: acknowledge on its change first\. Health regression: Check deliver: failing/,
    );
    expect(changes.state('c1').outcome).toBe('known_good');
    expect(changes.state('c2')).toMatchObject({ open: true, step: 'close' });
    expect(changes.state('c2').acknowledged).toEqual([]);
  });

  it('an anomaly the window raised at its very end halts the rollout with its message', async () => {
    const anomaly: Anomaly = {
      code: 'failure_rate_up',
      message: 'Failure rate up: 0% -> 12%.',
      baseline: 0,
      observed: 0.12,
    };
    const journals = new Map([
      ['c1', journalAtClose('c1', SITES[0]!, unknownAfterApply, [anomaly])],
    ]);
    const changes = port(journals);
    const halt = await closeWave(changes, rolloutOf(['c1']));
    expect(halt?.kind === 'halt' && halt.reason).toMatch(/Anomaly: Failure rate up: 0% -> 12%\./);
    expect(changes.state('c1')).toMatchObject({ open: true, acknowledged: [] });
  });
});
