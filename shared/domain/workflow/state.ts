import type { ProviderHealth } from '../../contract/health';
import type { Anomaly } from '../anomaly/schema';
import type {
  EndedEarly,
  JournalEntry,
  MonitorSummary,
  Operation,
  Outcome,
  RestoreSource,
  RollbackAction,
  RolloutLink,
  Step,
  TestRun,
} from './entries';
import type { MonitorGap } from './monitor-gaps';

/** Everything a screen, the checklist or an export needs about one change, folded from its journal. */
export interface ChangeState {
  id: string;
  connectionId: string;
  siteId: string;
  target: string;
  operator: string;
  /** The install that opened it (undefined: opened before the team workspace, on this laptop). */
  laptop: string | undefined;
  title: string | undefined;
  kind: 'change' | 'rollback_only';
  operation: Operation;
  /** Set when the change restores a snapshot: the draft was seeded with that version's body. */
  restoreOf: RestoreSource | undefined;
  /** Set when this change is one site's step of a rollout. */
  rollout: RolloutLink | undefined;
  startedAt: string;
  /** Why the change is made and its incident or ticket link, as given at its start. */
  reason: string | undefined;
  ticket: string | undefined;
  step: Step;
  open: boolean;
  outcome: Outcome | undefined;
  /** When each step was completed (the last time, if repeated). */
  completed: Partial<Record<Step, string>>;
  baseline:
    | {
        at: string;
        snapshotVersion: number | undefined;
        snapshotId: string | undefined;
        etag: string | undefined;
        body: Record<string, unknown>;
        health: ProviderHealth | undefined;
        exists: boolean;
      }
    | undefined;
  /** A 412 or a recovered apply found other edits: the next action must be a new baseline. */
  needsBaseline: boolean;
  applyCount: number;
  applied:
    | {
        at: string;
        key: string;
        body: Record<string, unknown>;
        etag: string | undefined;
        recovered: boolean;
        createdId: string | undefined;
      }
    | undefined;
  /** An apply whose PUT may or may not have landed (the app stopped in between). */
  pendingIntent:
    { key: string; body: Record<string, unknown>; ifMatch: string | undefined } | undefined;
  lastIntent: Extract<JournalEntry, { type: 'apply_intent' }> | undefined;
  lastApplyError: Extract<JournalEntry, { type: 'apply_failed' }> | undefined;
  lastTest: (TestRun & { at: string }) | undefined;
  health: Extract<JournalEntry, { type: 'health' }> | undefined;
  monitor:
    | {
        startedAt: string;
        endsAt: string;
        windowMinutes: number;
        summary: MonitorSummary | undefined;
        /** Closed intervals in which the logs could not be read. */
        gaps: MonitorGap[];
      }
    | undefined;
  anomalies: Anomaly[];
  rollbacks: {
    at: string;
    action: RollbackAction;
    ok: boolean;
    error: string | undefined;
    test: TestRun | undefined;
  }[];
  rolledBack: boolean;
  /** Regressions and anomalies the operator has acknowledged, with the reason given each time. */
  acknowledged: { at: string; items: string[]; reason: string }[];
  /** Set when the operator ended monitoring early (the emergency path). */
  endedEarly: (EndedEarly & { at: string }) | undefined;
  afterSnapshotVersion: number | undefined;
  closedAt: string | undefined;
  notes: { at: string; text: string }[];
  entries: JournalEntry[];
}
