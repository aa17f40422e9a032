import { fail } from '../../../shared/bridge/errors';
import { appliedIsLive } from '../../../shared/domain/workflow/applied-live';
import { toAcknowledge } from '../../../shared/domain/workflow/acknowledge';
import type { CloseOutcome } from '../../../shared/domain/workflow/entries';
import {
  MONITOR_VERDICT_LABELS,
  monitorVerdict,
  overrideText,
} from '../../../shared/domain/workflow/monitor-gaps';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { errorText, keyOf, liveFor, type ChangeCtx } from './context';

/**
 * Close: every change that reached the server gets its after snapshot (known-good: flagged so),
 * whatever the outcome. Known-good means the logs were watched for a business cycle; after an
 * incomplete window it takes a second, explicit decision whose reason is journaled.
 */
export async function closeChange(
  ctx: ChangeCtx,
  s: ChangeState,
  outcome: CloseOutcome,
  note: string | undefined,
  overrideReason: string | undefined,
): Promise<ChangeState> {
  const summary = s.monitor?.summary;
  // Ended early: the operator already gave the reason the window is short (it is journaled).
  const incomplete =
    outcome === 'known_good' && summary !== undefined && !summary.fullWindow && !summary.endedEarly;
  if (incomplete && !overrideReason)
    fail(
      'validation',
      `${MONITOR_VERDICT_LABELS[monitorVerdict(summary)]}: the logs could not be read for ${Math.round(summary.gapShare * 100)}% of the window. Marking it known-good needs an explicit confirmation with a reason.`,
    );
  const unread = outcome === 'known_good' ? toAcknowledge(s) : [];
  if (unread.length)
    fail(
      'validation',
      `${unread.length === 1 ? 'One regression or anomaly is' : `${unread.length} regressions or anomalies are`} not acknowledged: ${unread.join(' ')} Acknowledge ${unread.length === 1 ? 'it' : 'them'} (with a reason) before marking the change known-good.`,
      { issues: unread.map((message) => ({ path: 'acknowledge', message })) },
    );
  let afterSnapshotVersion: number | undefined;
  let snapshotError: string | undefined;
  // A deleted webhook has nothing left to snapshot: its baseline snapshot is what re-creates it.
  if ((s.applied || s.rolledBack) && s.operation !== 'delete') {
    try {
      const snap = await liveFor('the after-change snapshot', () =>
        ctx.snapshots.take(keyOf(s), {
          source: 'after_change',
          changeId: s.id,
          label: `after change ${s.id} (${outcome.replace('_', ' ')})`,
        }),
      );
      afterSnapshotVersion = snap.snapshot.version;
      if (outcome === 'known_good')
        await ctx.snapshots.markKnownGood(keyOf(s), snap.snapshot.id, true, `change ${s.id}`);
    } catch (error) {
      if (outcome === 'known_good') throw error;
      snapshotError = errorText(error);
    }
  }
  return ctx.store.append(s.id, {
    type: 'closed',
    outcome,
    ...(afterSnapshotVersion ? { afterSnapshotVersion } : {}),
    ...(snapshotError ? { snapshotError } : {}),
    ...(note ? { note } : {}),
    ...(incomplete && overrideReason ? { override: overrideText(overrideReason) } : {}),
    // Abandoning does not undo anything: what was applied is still what the server runs, unless
    // a rollback took it out of production (and no later one put it back).
    ...(outcome === 'abandoned' && appliedIsLive(s) ? { appliedStaysLive: true } : {}),
  });
}
