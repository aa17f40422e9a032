import { z } from 'zod';
import { Anomaly, RateWindow } from '../../domain/anomaly/schema';
import { WebhookBody } from '../../contract/webhooks';
import { ConfigDiff } from '../../domain/diff/schema';
import { ImpactPreview } from '../../domain/impact/schema';
import {
  CloseOutcome,
  EndedEarly,
  JournalEntry,
  Outcome,
  Reason,
  RollbackAction,
  Step,
  TicketLink,
} from '../../domain/workflow/entries';
import { Runbook } from '../../domain/workflow/runbook';
import { call } from '../define';
import { ErrorIssue } from '../errors';
import { LocalId, SiteId } from '../ids';
import { ChangeId, SnapshotTarget, VersionId, VersionNo } from './snapshots-types';

/** How Start change treats the team lock when it cannot simply take it. */
const TeamLockChoice = z
  .object({
    /** Take over a lock idle for more than 30 minutes (journaled). */
    takeOver: z.boolean().optional(),
    /** Start although the git server cannot confirm the lock (journaled). */
    acceptUnconfirmed: z.boolean().optional(),
  })
  .optional();

const Site = z.object({ connectionId: LocalId, siteId: SiteId });
/** Every change may say why it is made and link its incident or ticket, from its start. */
const WhyFields = {
  reason: z.string().trim().max(500).optional(),
  ticket: TicketLink.optional(),
};
const ById = z.object({ changeId: ChangeId });

/** A draft body: any JSON object (validated per target when saved, so half-typed drafts survive). */
const DraftBody = z.record(z.string(), z.unknown());
export const ChangeDraft = z.object({
  body: DraftBody,
  savedAt: z.string(),
  issues: z.array(ErrorIssue),
});
export type ChangeDraft = z.infer<typeof ChangeDraft>;

/** The monitor's live view: counts so far against the baseline window. */
export const MonitorProgress = z.object({
  changeId: ChangeId,
  running: z.boolean(),
  startedAt: z.string(),
  endsAt: z.string(),
  checkedAt: z.string(),
  baseline: RateWindow,
  observed: RateWindow,
  anomalies: z.array(Anomaly),
  lastError: z.string().optional(),
  /** Set while the logs cannot be read: when the current gap began. */
  unreachableSince: z.string().optional(),
  /** Minutes of the window so far in which the logs could not be read (closed and open gaps). */
  gapMinutes: z.number().default(0),
});
export type MonitorProgress = z.infer<typeof MonitorProgress>;

/** One change: its journal (the renderer folds it with the same pure code as main), draft, runbook. */
export const ChangeView = z.object({
  entries: z.array(JournalEntry),
  /** False for a colleague's change synced from the team workspace: read-only on this laptop. */
  ownedHere: z.boolean().default(true),
  /** seq -> the commit of the team workspace that recorded that line (when known). */
  commits: z.record(z.string(), z.string()).default({}),
  draft: ChangeDraft.optional(),
  runbook: Runbook,
  monitor: MonitorProgress.optional(),
  /** Lines of the journal file that could not be read (a torn last write, a hand edit). */
  problems: z.array(z.string()),
});
export type ChangeView = z.infer<typeof ChangeView>;

export const ChangeSummary = z.object({
  id: ChangeId,
  connectionId: z.string(),
  siteId: z.string(),
  target: z.string(),
  title: z.string().optional(),
  operator: z.string(),
  kind: z.enum(['change', 'rollback_only']),
  startedAt: z.string(),
  updatedAt: z.string(),
  step: Step,
  open: z.boolean(),
  outcome: Outcome.optional(),
  /** The status in words (shared/domain/workflow/describe.ts), the same on screen and in exports. */
  status: z.string(),
  /** Monitoring was ended early by the operator: the business cycle was not watched. */
  endedEarly: z.boolean(),
  anomalies: z.number().int(),
  rollbacks: z.number().int(),
  failedRollbacks: z.number().int(),
  /** Its journal could not be read back (see `changes.damaged`); it still holds the lock. */
  damaged: z.boolean().optional(),
});
export type ChangeSummary = z.infer<typeof ChangeSummary>;

export const ChangeFilter = z.object({
  connectionId: LocalId.optional(),
  siteId: SiteId.optional(),
  target: SnapshotTarget.optional(),
  status: z.enum(['open', 'closed']).optional(),
  outcome: Outcome.optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});

export const ExportFormat = z.enum(['markdown', 'json']);
export const ExportResult = z.object({
  fileName: z.string(),
  mime: z.string(),
  text: z.string(),
  count: z.number().int(),
});

export const PreviewResult = z.object({
  diff: ConfigDiff,
  impact: ImpactPreview.optional(),
  impactError: z.string().optional(),
});
export type PreviewResult = z.infer<typeof PreviewResult>;

export const changesCalls = {
  /**
   * Opens a change (refused while another is open on the site) and takes its baseline at once.
   * `operation: 'delete'` (webhooks) is a change whose Apply deletes the target; its baseline
   * snapshot is kept so "Restore snapshot" can re-create it.
   */
  'changes.start': call(
    Site.extend({
      target: SnapshotTarget,
      title: z.string().trim().max(200).optional(),
      teamLock: TeamLockChoice,
      operation: z.enum(['update', 'delete']).default('update'),
      ...WhyFields,
    }),
    ChangeView,
  ),
  /**
   * "New webhook": a change whose baseline is "does not exist" and whose draft is the form's
   * webhook; Apply creates it, then its mandatory test, health and monitoring of its deliveries.
   */
  'changes.startWebhookCreate': call(
    Site.extend({
      body: WebhookBody,
      title: z.string().trim().max(200).optional(),
      ...WhyFields,
    }),
    ChangeView,
  ),
  /**
   * "Restore snapshot" from the Snapshots screen: opens a change on the target (same lock as
   * changes.start), takes its baseline and seeds its draft with snapshot `version`, so the restore
   * goes through Apply, the mandatory test, Health and Monitor. A retry resumes its own open change.
   */
  'changes.startRestore': call(
    Site.extend({
      target: SnapshotTarget,
      version: VersionNo,
      id: VersionId.optional(),
      teamLock: TeamLockChoice,
      ...WhyFields,
    }),
    ChangeView,
  ),
  'changes.baseline': call(ById, ChangeView),
  'changes.get': call(ById, ChangeView),
  'changes.list': call(ChangeFilter, z.array(ChangeSummary)),
  /** The open change of a site, if any (the lock). */
  'changes.openFor': call(Site, ChangeSummary.nullable()),
  'changes.saveDraft': call(ById.extend({ body: DraftBody }), ChangeDraft),
  'changes.preview': call(ById, PreviewResult),
  'changes.apply': call(ById, ChangeView),
  'changes.test': call(ById, ChangeView),
  'changes.health': call(ById, ChangeView),
  'changes.startMonitoring': call(ById, ChangeView),
  /**
   * Closes a change. Known-good after an incomplete monitoring window (logs unreachable for more
   * than 10% of it) is refused unless `overrideReason` confirms it; the reason is journaled.
   */
  'changes.close': call(
    ById.extend({
      outcome: CloseOutcome,
      /** Required to abandon a change: the reason is journaled. */
      note: z.string().trim().max(4000).optional(),
      overrideReason: Reason.optional(),
    }),
    ChangeView,
  ),
  /**
   * The emergency path: ends the monitoring window now, before the business cycle, with the
   * operator's reason (and ticket). The change may then close; the window is recorded as short and
   * the checklist counts it as "monitored: ended early" (not met).
   */
  'changes.endMonitoring': call(ById.extend(EndedEarly.shape), ChangeView),
  /** Journals that the operator has read these regressions and anomalies, and why they may pass. */
  'changes.acknowledge': call(
    ById.extend({ items: z.array(z.string().max(1000)).min(1).max(100), reason: Reason }),
    ChangeView,
  ),
  /** From a change, or from a provider page (recorded in the open change, or in a rollback record). */
  'changes.rollback': call(
    Site.extend({
      target: SnapshotTarget,
      action: RollbackAction,
      changeId: ChangeId.optional(),
      version: VersionNo.optional(),
      id: VersionId.optional(),
    }),
    ChangeView,
  ),
  'changes.note': call(ById.extend({ text: z.string().trim().min(1).max(4000) }), ChangeView),
  'changes.export': call(
    z.union([
      z.object({ format: ExportFormat, changeId: ChangeId }),
      z.object({
        format: ExportFormat,
        range: Site.extend({ from: z.iso.datetime(), to: z.iso.datetime() }),
      }),
    ]),
    ExportResult,
  ),
};

export const ChangeEvent = z.object({
  changeId: ChangeId,
  connectionId: z.string(),
  siteId: z.string(),
  target: z.string(),
});
export const changesEvents = {
  /** Anything was appended to a change's journal: open screens refetch. */
  'changes.changed': ChangeEvent,
  /** New anomalies during monitoring: the renderer shows a desktop notification. */
  'changes.anomaly': ChangeEvent.extend({
    title: z.string(),
    body: z.string(),
    anomalies: z.array(Anomaly),
  }),
  'changes.monitor': MonitorProgress,
};
