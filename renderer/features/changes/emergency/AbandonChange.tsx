import { useState } from 'react';
import { rollbackLabel, type WebhookNames } from '../../../../shared/domain/names';
import { appliedIsLive, type ChangeState } from '../../../../shared/domain/workflow';
import { useChange } from '../change-store';
import { ReasonDialog } from './ReasonDialog';

/**
 * "Abandon change" asks first and needs a reason. When what was applied is live (applied, and no
 * rollback took it out of production) it says so and offers the rollback first: "Restore snapshot
 * first…" opens the Rollback panel's own restore confirmation (the change's baseline).
 */
export function AbandonChange({
  s,
  onRestoreFirst,
  webhookNames,
}: {
  s: ChangeState;
  /** Opens the restore-to-baseline confirmation; absent when no rollback is allowed here. */
  onRestoreFirst?: () => void;
  /** Display names of the site's webhooks (a webhook target's rollback is named by it). */
  webhookNames?: WebhookNames;
}) {
  const run = useChange((x) => x.run);
  const busy = useChange((x) => x.busy);
  const error = useChange((x) => x.error);
  const [open, setOpen] = useState(false);
  const live = appliedIsLive(s);
  // What took it out of production: a restore, else the last switch (Disable, test mode).
  const lastRollback =
    s.rollbacks.findLast((r) => r.ok && r.action === 'restore') ??
    s.rollbacks.findLast((r) => r.ok);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} disabled={busy !== undefined}>
        Abandon change…
      </button>
      <ReasonDialog
        open={open}
        title="Abandon this change?"
        confirmLabel={live ? 'Abandon, leave it live' : 'Abandon change'}
        busy={busy !== undefined}
        error={error}
        onClose={() => setOpen(false)}
        onConfirm={(a) =>
          void run('Abandoning', 'changes.close', {
            changeId: s.id,
            outcome: 'abandoned',
            note: a.reason,
          }).then((done) => done && setOpen(false))
        }
      >
        {live ? (
          <>
            <p data-testid="abandon-stays-live">
              <strong>The applied configuration stays live in production.</strong> Abandoning only
              stops the runbook here; the journal records that it stays live.
            </p>
            {onRestoreFirst ? (
              <p className="row">
                <span>
                  To undo it first, put the change&apos;s baseline back (its test runs again):
                </span>
                <button
                  type="button"
                  onClick={() => {
                    setOpen(false);
                    onRestoreFirst();
                  }}
                  disabled={busy !== undefined}
                >
                  Restore snapshot first…
                </button>
              </p>
            ) : (
              <p>
                To undo it, cancel and use the <strong>Rollback</strong> panel on this page first.
              </p>
            )}
          </>
        ) : s.applied && lastRollback ? (
          <p data-testid="abandon-rolled-back">
            Rolled back by{' '}
            <strong>{rollbackLabel(lastRollback.action, s.target, webhookNames)}</strong>
            {lastRollback.action === 'restore'
              ? ': the baseline is what production runs.'
              : ': the applied configuration is still on the target, out of production until it is switched back on.'}{' '}
            Abandoning records that and releases the site for another change.
          </p>
        ) : (
          <p>Nothing was applied: abandoning releases the site for another change.</p>
        )}
      </ReasonDialog>
    </>
  );
}
