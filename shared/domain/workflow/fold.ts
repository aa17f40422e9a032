import type { ProviderHealth } from '../../contract/health';
import type { JournalEntry, Step } from './entries';
import type { ChangeState } from './state';

function providerHealth(health: unknown, target: string): ProviderHealth | undefined {
  const list = (health as { integrations?: ProviderHealth[] } | undefined)?.integrations;
  return Array.isArray(list) ? list.find((h) => h.provider === target) : undefined;
}

/**
 * The state of a change from its journal, in order. Pure, shared by main (locks, resume, checklist)
 * and the renderer (stepper), so both sides agree on the current step.
 */
export function foldChange(entries: readonly JournalEntry[]): ChangeState {
  const first = entries[0];
  if (!first || first.type !== 'started')
    throw new Error('a change journal starts with a "started" entry');
  const s: ChangeState = {
    id: first.changeId,
    connectionId: first.connectionId,
    siteId: first.siteId,
    target: first.target,
    operator: first.operator,
    laptop: first.laptop,
    title: first.title,
    kind: first.kind,
    restoreOf: first.restoreOf,
    rollout: first.rollout,
    operation: first.operation,
    startedAt: first.at,
    reason: first.reason,
    ticket: first.ticket,
    step: 'baseline',
    open: true,
    outcome: undefined,
    completed: {},
    baseline: undefined,
    needsBaseline: false,
    applyCount: 0,
    applied: undefined,
    pendingIntent: undefined,
    lastIntent: undefined,
    lastApplyError: undefined,
    lastTest: undefined,
    health: undefined,
    monitor: undefined,
    anomalies: [],
    rollbacks: [],
    rolledBack: false,
    acknowledged: [],
    endedEarly: undefined,
    afterSnapshotVersion: undefined,
    closedAt: undefined,
    notes: [],
    entries: [...entries],
  };
  // seq of the latest apply (or restore) the test, health and monitor must come after.
  let appliedSeq = 0;
  let testOkSeq = 0;
  let healthSeq = 0;
  for (const e of entries) {
    switch (e.type) {
      case 'started':
        break;
      case 'baseline':
        s.baseline = {
          at: e.at,
          snapshotVersion: e.snapshotVersion,
          snapshotId: e.snapshotId,
          etag: e.etag,
          body: e.body,
          health: providerHealth(e.health, s.target),
          exists: e.exists,
        };
        s.needsBaseline = false;
        s.applied = undefined;
        s.completed.baseline = e.at;
        break;
      case 'baseline_failed':
        break;
      case 'apply_intent':
        s.pendingIntent = { key: e.key, body: e.body, ifMatch: e.ifMatch };
        s.lastIntent = e;
        break;
      case 'apply_done':
        if (s.pendingIntent?.key === e.key) {
          s.applied = {
            at: e.at,
            key: e.key,
            body: s.pendingIntent.body,
            etag: e.etag,
            recovered: e.recovered,
            createdId: e.createdId,
          };
          // A created webhook is the target of every later step (test, health, monitor, close).
          if (e.createdId) s.target = `webhook:${e.createdId}`;
          s.applyCount++;
          s.completed.config = e.at;
          appliedSeq = e.seq;
        }
        s.pendingIntent = undefined;
        s.lastApplyError = undefined;
        break;
      case 'apply_failed':
        s.pendingIntent = undefined;
        s.lastApplyError = e;
        if (e.requiresBaseline) s.needsBaseline = true;
        break;
      case 'test':
        s.lastTest = { ...e.run, at: e.at };
        if (e.run.ok && appliedSeq > 0) {
          testOkSeq = e.seq;
          s.completed.test = e.at;
        }
        break;
      case 'health':
        if (testOkSeq > appliedSeq) {
          healthSeq = e.seq;
          s.completed.health = e.at;
        }
        s.health = e;
        break;
      case 'monitor_started':
        s.monitor = {
          startedAt: e.at,
          endsAt: e.endsAt,
          windowMinutes: e.windowMinutes,
          summary: undefined,
          gaps: [],
        };
        break;
      case 'monitor_gap':
        s.monitor?.gaps.push({ from: e.from, to: e.to, reason: e.reason });
        break;
      case 'anomaly':
        s.anomalies.push(...e.anomalies);
        break;
      case 'monitor_ended_early':
        s.endedEarly = { at: e.at, reason: e.reason, ticket: e.ticket };
        break;
      case 'acknowledged':
        s.acknowledged.push({ at: e.at, items: e.items, reason: e.reason });
        break;
      case 'monitor_done':
        if (s.monitor) s.monitor.summary = e.summary;
        if (e.summary.fullWindow) s.completed.monitor = e.at;
        break;
      case 'rollback':
        s.rollbacks.push({ at: e.at, action: e.action, ok: e.ok, error: e.error, test: e.test });
        if (e.ok) s.rolledBack = true;
        if (e.test) s.lastTest = { ...e.test, at: e.at };
        break;
      case 'closed':
        s.open = false;
        s.outcome = e.outcome;
        s.closedAt = e.at;
        s.afterSnapshotVersion = e.afterSnapshotVersion;
        s.completed.close = e.at;
        break;
      case 'note':
        s.notes.push({ at: e.at, text: e.text });
        break;
      case 'team_lock':
        break;
    }
  }
  s.step = currentStep(s, { appliedSeq, testOkSeq, healthSeq });
  return s;
}

function currentStep(
  s: ChangeState,
  seq: { appliedSeq: number; testOkSeq: number; healthSeq: number },
): Step {
  if (!s.open) return 'close';
  if (s.kind === 'rollback_only') return 'close';
  if (!s.baseline || s.needsBaseline) return 'baseline';
  if (!s.applied) return 'config';
  if (s.rolledBack) return 'close';
  if (seq.testOkSeq <= seq.appliedSeq) return 'test';
  if (seq.healthSeq <= seq.testOkSeq) return 'health';
  if (!s.monitor?.summary) return 'monitor';
  return 'close';
}
