import { MONITOR_VERDICT_LABELS, monitorVerdict } from './monitor-gaps';
import { z } from 'zod';
import type { Runbook } from './runbook';
import type { ChangeState } from './state';
import { plural } from '../names/plural';
import { displayTime } from '../names/time-format';

export const ChecklistItemId = z.enum(['snapshots', 'test', 'monitor', 'rollback', 'owner']);
export const ChecklistItem = z.object({
  id: ChecklistItemId,
  label: z.string(),
  met: z.boolean(),
  reason: z.string(),
  /** A route in the app (hash path) where the operator fixes it. */
  fix: z.object({ label: z.string(), route: z.string() }).optional(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;
export const TargetChecklist = z.object({ target: z.string(), items: z.array(ChecklistItem) });
export type TargetChecklist = z.infer<typeof TargetChecklist>;

/** The production checklist of the Selwise Integration Operations guide, word for word. */
export const CHECKLIST_LABELS: Record<z.infer<typeof ChecklistItemId>, string> = {
  snapshots: 'Every integration change has before/after snapshot records',
  test: 'Provider test is mandatory after each config change',
  monitor: 'Logs are monitored for at least one business cycle post-change',
  rollback: 'Rollback controls (enabled/testMode) are documented per provider',
  owner: 'Operational ownership and escalation path is explicitly assigned',
};

const minutes = (m: number) =>
  m >= 120
    ? `${(m / 60).toFixed(m % 60 ? 1 : 0)} h`
    : m >= 1
      ? `${Math.round(m)} min`
      : `${Math.round(m * 60)} s`;

/**
 * The checklist of one target from its changes (any order) and its runbook. Only changes that
 * applied something count: an abandoned draft changed nothing in production.
 */
export function checklistFor(
  target: string,
  changes: readonly ChangeState[],
  runbook: Runbook,
): TargetChecklist {
  const applied = changes
    .filter((c) => c.target === target && c.kind === 'change' && c.applyCount > 0)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const last = applied.at(-1);
  const start = { label: 'Start change', route: `changes/new/${target}` };
  const openLast = last ? { label: 'Open the change', route: `changes/${last.id}` } : start;
  const book = { label: 'Edit the runbook', route: `runbooks/${target}` };
  const item = (
    id: ChecklistItem['id'],
    met: boolean,
    reason: string,
    fix?: ChecklistItem['fix'],
  ): ChecklistItem => ({
    id,
    label: CHECKLIST_LABELS[id],
    met,
    reason,
    ...(met || !fix ? {} : { fix }),
  });
  const items: ChecklistItem[] = [];

  const missing = applied.filter(
    (c) => c.baseline?.snapshotVersion === undefined || c.afterSnapshotVersion === undefined,
  );
  items.push(
    !last
      ? item('snapshots', false, 'No change has gone through the workflow yet.', start)
      : missing.length
        ? item(
            'snapshots',
            false,
            `${missing.length} of ${plural(applied.length, 'change')} lack a ${missing[0]?.baseline?.snapshotVersion === undefined ? 'baseline' : 'after'} snapshot${missing[0]?.open ? ' (still open)' : ''}.`,
            { label: 'Open the change', route: `changes/${missing[0]?.id ?? ''}` },
          )
        : item(
            'snapshots',
            true,
            applied.length === 1
              ? 'The one change has before and after snapshots.'
              : `All ${applied.length} changes have before and after snapshots.`,
          ),
  );

  const test = last?.lastTest;
  items.push(
    !last
      ? item('test', false, 'No change yet, so no test after it.', start)
      : test?.ok
        ? item('test', true, `The last change was tested at ${displayTime(test.at)} and passed.`)
        : item(
            'test',
            false,
            test
              ? 'The last test after the last change failed.'
              : 'The last change has not been tested.',
            openLast,
          ),
  );

  const summary = last?.monitor?.summary;
  const cycle = runbook.businessCycleMinutes;
  items.push(
    !last
      ? item('monitor', false, 'No change yet, so nothing monitored.', start)
      : summary?.fullWindow && summary.windowMinutes >= cycle
        ? item(
            'monitor',
            true,
            `Monitored for ${minutes(summary.windowMinutes)} (business cycle ${minutes(cycle)}).`,
          )
        : item(
            'monitor',
            false,
            summary?.endedEarly
              ? `Monitored: ended early after ${minutes(summary.windowMinutes)} (${summary.endedEarly.reason}); the business cycle is ${minutes(cycle)}.`
              : summary
                ? `Monitored ${minutes(summary.windowMinutes)}${summary.fullWindow ? '' : ` (${MONITOR_VERDICT_LABELS[monitorVerdict(summary)].toLowerCase()})`}; the business cycle is ${minutes(cycle)}.`
                : 'The last change was not monitored for a business cycle.',
            openLast,
          ),
  );

  items.push(
    runbook.saved && runbook.rollbackControls.length > 0
      ? item(
          'rollback',
          true,
          `${plural(runbook.rollbackControls.length, 'rollback control')} documented.`,
        )
      : item(
          'rollback',
          false,
          runbook.saved
            ? 'The runbook documents no rollback control.'
            : 'The runbook has not been saved: the prefilled controls are not confirmed.',
          book,
        ),
  );

  const owned = runbook.saved && runbook.owner !== '' && runbook.escalation.length > 0;
  items.push(
    owned
      ? item(
          'owner',
          true,
          `Owner ${runbook.owner}; escalation ${runbook.escalation.map((e) => e.name).join(' -> ')}.`,
        )
      : item(
          'owner',
          false,
          !runbook.saved || !runbook.owner ? 'No owner assigned.' : 'No escalation path.',
          book,
        ),
  );
  return { target, items };
}
