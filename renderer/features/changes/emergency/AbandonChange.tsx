import { useState } from 'react';
import type { ChangeState } from '../../../../shared/domain/workflow';
import { useChange } from '../change-store';
import { ReasonDialog } from './ReasonDialog';

/**
 * "Abandon change" asks first and needs a reason. When something was applied (and not rolled
 * back) it says so: the applied configuration stays live, and it offers the rollback first
 * (Restore the baseline opens the Rollback panel's confirmation, with its diff).
 */
export function AbandonChange({
  s,
  onRestoreFirst,
}: {
  s: ChangeState;
  /** Opens the restore-to-baseline confirmation; absent when no rollback is allowed here. */
  onRestoreFirst?: () => void;
}) {
  const run = useChange((x) => x.run);
  const busy = useChange((x) => x.busy);
  const error = useChange((x) => x.error);
  const [open, setOpen] = useState(false);
  const live = s.applied && !s.rolledBack;
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
        ) : s.rolledBack ? (
          <p data-testid="abandon-rolled-back">
            What was applied has been rolled back: abandoning records that and releases the site for
            another change.
          </p>
        ) : (
          <p>Nothing was applied: abandoning releases the site for another change.</p>
        )}
      </ReasonDialog>
    </>
  );
}
