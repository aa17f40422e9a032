import { z } from 'zod';
import { BridgeError } from '../../bridge/errors';
import {
  ChangeId,
  Label,
  Sha256,
  SnapshotTarget,
  VersionNo,
} from '../../bridge/calls/snapshots-types';
import { LocalId, SiteId } from '../../bridge/ids';
import { TestResult } from '../../contract/test-result';
import { Anomaly, HealthComparison, RateWindow } from '../anomaly/schema';
import { ConfigDiff } from '../diff/schema';
import { ImpactPreview } from '../impact/schema';
import { RolloutId } from '../rollout/entries';
import { MonitorGap } from './monitor-gaps';

export const STEPS = ['baseline', 'config', 'test', 'health', 'monitor', 'close'] as const;
export const Step = z.enum(STEPS);
export type Step = z.infer<typeof Step>;
export const STEP_TITLES: Record<Step, string> = {
  baseline: 'Baseline',
  config: 'Config',
  test: 'Test',
  health: 'Health',
  monitor: 'Monitor',
  close: 'Close',
};

/**
 * What a change does to its target: replace its configuration (`update`), or, for webhooks,
 * create one (the baseline is "does not exist") or delete one (its baseline snapshot is kept, so
 * "Restore snapshot" can re-create it).
 */
export const Operation = z.enum(['update', 'create', 'delete']);
export type Operation = z.infer<typeof Operation>;
/** The target of a webhook that a create change has not created yet. */
export const NEW_WEBHOOK_TARGET = 'webhook:new';

/**
 * How a change ended. `rollback_failed` closes a rollback record (from a provider page) whose
 * rollback did not happen: it is never written as "rolled back".
 */
export const Outcome = z.enum(['known_good', 'rolled_back', 'abandoned', 'rollback_failed']);
export type Outcome = z.infer<typeof Outcome>;
/** The outcomes an operator chooses when closing a change (a failed rollback is recorded, not chosen). */
export const CloseOutcome = z.enum(['known_good', 'rolled_back', 'abandoned']);
export type CloseOutcome = z.infer<typeof CloseOutcome>;
export const OUTCOME_LABELS: Record<Outcome, string> = {
  known_good: 'known-good',
  rolled_back: 'rolled back',
  abandoned: 'abandoned',
  rollback_failed: 'rollback failed',
};

/** A link to the incident or ticket a change belongs to (http(s) only: it is opened by a click). */
export const TicketLink = z
  .string()
  .trim()
  .max(500)
  .refine((s) => /^https?:\/\/[^\s]+$/.test(s), 'a ticket link is an http(s) address');
/** Why an operator did something the runbook would not do by itself; journaled word for word. */
export const Reason = z.string().trim().min(3, 'say why, in a few words').max(500);
/** The reason (and optional ticket) given for ending monitoring before the business cycle. */
export const EndedEarly = z.object({ reason: Reason, ticket: TicketLink.optional() });
export type EndedEarly = z.infer<typeof EndedEarly>;
/**
 * The one-click controls: the three rollbacks, and the two that undo a switch once the incident is
 * over ("Re-enable" after Disable, "Disable test mode" after Enable test mode), recorded the same way.
 */
export const RollbackAction = z.enum([
  'disable',
  'test_mode',
  'restore',
  'enable',
  'test_mode_off',
]);
export type RollbackAction = z.infer<typeof RollbackAction>;
export const ROLLBACK_LABELS: Record<RollbackAction, string> = {
  disable: 'Disable provider',
  test_mode: 'Enable test mode',
  restore: 'Restore snapshot',
  enable: 'Re-enable provider',
  test_mode_off: 'Disable test mode',
};

const Body = z.record(z.string(), z.unknown());
const TestRun = z.object({
  ok: z.boolean(),
  result: TestResult.optional(),
  error: z.string().optional(),
});
export type TestRun = z.infer<typeof TestRun>;

export const MonitorSummary = z.object({
  startedAt: z.string(),
  endedAt: z.string(),
  windowMinutes: z.number(),
  /**
   * True only when the whole window elapsed (not cut short by a rollback or an abandon) AND the
   * logs were read for at least 90% of it: an outage the monitor sat through is not monitoring.
   */
  fullWindow: z.boolean(),
  baseline: RateWindow,
  observed: RateWindow,
  anomalies: z.array(Anomaly),
  /** Intervals in which the logs could not be read, and their share of the window (0..1). */
  gaps: z.array(MonitorGap).default([]),
  gapShare: z.number().min(0).max(1).default(0),
  /** The operator ended the window before the business cycle (the emergency path), and why. */
  endedEarly: EndedEarly.optional(),
});
export type MonitorSummary = z.infer<typeof MonitorSummary>;

/**
 * The snapshot a "Restore snapshot" change puts back: recorded in its `started` line, so the journal
 * says which version was the source and a retried restore finds its own change again.
 */
export const RestoreSource = z.object({
  version: VersionNo,
  /** The version's permanent id (team workspace); the number may shift after a merge. */
  id: z.string().optional(),
  sha256: Sha256,
  knownGood: z.boolean(),
  label: Label.optional(),
});
export type RestoreSource = z.infer<typeof RestoreSource>;

export const RolloutLink = z.object({ id: RolloutId, wave: z.number().int().min(0) });
export type RolloutLink = z.infer<typeof RolloutLink>;

/** One line of a change's journal. Lines are appended, never rewritten. */
const base = { seq: z.number().int().min(1), at: z.string() };
export const JournalEntry = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('started'),
    changeId: ChangeId,
    connectionId: LocalId,
    siteId: SiteId,
    target: SnapshotTarget,
    operator: z.string(),
    title: z.string().max(200).optional(),
    kind: z.enum(['change', 'rollback_only']).default('change'),
    restoreOf: RestoreSource.optional(),
    /** The app install that opened it: only that one resumes, monitors and appends to it. */
    laptop: z.string().max(64).optional(),
    operatorEmail: z.string().max(200).optional(),
    /** Set when the change is one site's step of a rollout (the link both journals share). */
    rollout: RolloutLink.optional(),
    operation: Operation.default('update'),
    /** Why the change is made, and the incident or ticket it belongs to (both optional). */
    reason: z.string().trim().max(500).optional(),
    ticket: TicketLink.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('baseline'),
    /** False for a create: the baseline is that the target does not exist. */
    exists: z.boolean().default(true),
    snapshotVersion: z.number().int().optional(),
    snapshotId: z.string().optional(),
    snapshotError: z.string().optional(),
    etag: z.string().optional(),
    body: Body,
    health: z.unknown().optional(),
    listCount: z.number().int().optional(),
    /** A create: the webhooks that existed at baseline (a recovered create is none of them). */
    knownWebhooks: z.array(z.string()).optional(),
    window: RateWindow.optional(),
  }),
  z.object({ ...base, type: z.literal('baseline_failed'), error: BridgeError }),
  z.object({
    ...base,
    type: z.literal('apply_intent'),
    key: z.string(),
    body: Body,
    ifMatch: z.string().optional(),
    diff: ConfigDiff.optional(),
    impact: ImpactPreview.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('apply_done'),
    key: z.string(),
    etag: z.string().optional(),
    /** A create: the id the server gave the new webhook (the change's target from here on). */
    createdId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,128}$/)
      .optional(),
    recovered: z.boolean().default(false),
  }),
  z.object({
    ...base,
    type: z.literal('apply_failed'),
    key: z.string(),
    error: BridgeError,
    serverChanges: ConfigDiff.optional(),
    requiresBaseline: z.boolean(),
  }),
  z.object({ ...base, type: z.literal('test'), trigger: z.enum(['auto', 'manual']), run: TestRun }),
  z.object({
    ...base,
    type: z.literal('health'),
    comparison: HealthComparison.optional(),
    error: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal('monitor_started'),
    windowMinutes: z.number(),
    endsAt: z.string(),
    baseline: RateWindow,
  }),
  z.object({ ...base, type: z.literal('anomaly'), anomalies: z.array(Anomaly) }),
  /** The monitor could not read the logs from `from` to `to` (journaled when the gap closes). */
  z.object({ ...base, type: z.literal('monitor_gap'), ...MonitorGap.shape }),
  /** "End monitoring early": the operator's reason; the `monitor_done` after it is marked short. */
  z.object({ ...base, type: z.literal('monitor_ended_early'), ...EndedEarly.shape }),
  z.object({ ...base, type: z.literal('monitor_done'), summary: MonitorSummary }),
  /**
   * The operator has read these health regressions and anomalies and says why the change may
   * still be marked known-good; Mark known-good is refused while any is unacknowledged.
   */
  z.object({
    ...base,
    type: z.literal('acknowledged'),
    items: z.array(z.string().max(1000)).min(1).max(100),
    reason: Reason,
  }),
  z.object({
    ...base,
    type: z.literal('rollback'),
    action: RollbackAction,
    ok: z.boolean(),
    error: z.string().optional(),
    /** The version a restore put back (or tried to, when it failed). */
    restoredVersion: z.number().int().optional(),
    afterVersion: z.number().int().optional(),
    test: TestRun.optional(),
  }),
  z.object({
    ...base,
    type: z.literal('closed'),
    outcome: Outcome,
    afterSnapshotVersion: z.number().int().optional(),
    snapshotError: z.string().optional(),
    note: z.string().optional(),
    /** Known-good after an incomplete window: the operator's explicit confirmation and reason. */
    override: z.string().optional(),
    /** Abandoned after something was applied: that configuration is still live on the server. */
    appliedStaysLive: z.boolean().optional(),
  }),
  z.object({ ...base, type: z.literal('note'), text: z.string().min(1).max(4000) }),
  /** What the team lock said when the change started (or later, on reconnecting). */
  z.object({
    ...base,
    type: z.literal('team_lock'),
    state: z.enum(['confirmed', 'unconfirmed', 'taken_over', 'contested']),
    detail: z.string().max(1000),
  }),
]);
export type JournalEntry = z.infer<typeof JournalEntry>;
export type EntryType = JournalEntry['type'];
type JournalInput = z.input<typeof JournalEntry>;
/** What callers hand to `append` (defaults may be left out): the journal sets `seq` and `at`. */
export type NewEntry = JournalInput extends infer E
  ? E extends JournalInput
    ? Omit<E, 'seq' | 'at'>
    : never
  : never;
