import { useState } from 'react';
import type { BridgeError } from '../../../../shared/bridge';
import type { RolloutView } from '../../../../shared/bridge/calls/rollouts';
import type { RolloutState } from '../../../../shared/domain/rollout';
import { call } from '../../../bridge';
import { Dialog } from '../../../ui/Dialog';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Notice } from '../../../ui/Notice';

/** The operator's two ways out of a halt: undo the wave, or go on with a journaled reason. */
export function HaltActions({ r, onView }: { r: RolloutState; onView(v: RolloutView): void }) {
  const [dialog, setDialog] = useState<'rollback' | 'continue'>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BridgeError>();
  const halt = r.halt;
  if (r.status !== 'halted' || !halt) return null;
  const act = async (p: ReturnType<typeof call<'rollouts.continue'>>) => {
    setBusy(true);
    const res = await p;
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setDialog(undefined);
    onView(res.value);
  };
  return (
    <Notice
      tone="error"
      title="Rollout halted"
      action={
        <div className="row">
          <button type="button" className="danger" onClick={() => setDialog('rollback')}>
            Roll back this wave
          </button>
          <button type="button" onClick={() => setDialog('continue')}>
            Continue rollout…
          </button>
        </div>
      }
    >
      <p data-testid="halt-reason">
        Wave {halt.wave + 1}: {halt.reason.replace(/([^.])$/, '$1.')}
      </p>
      <p>Nothing more is applied until you decide.</p>
      {error && <ErrorNotice error={error} />}
      <Dialog
        open={dialog === 'rollback'}
        title={`Roll back wave ${halt.wave + 1}?`}
        onClose={() => setDialog(undefined)}
        actions={
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => void act(call('rollouts.rollbackWave', { rolloutId: r.id }))}
          >
            Roll back wave {halt.wave + 1}
          </button>
        }
      >
        <p>
          Every site of this wave that the rollout changed is restored to its baseline snapshot and
          tested again; sites not applied yet are left alone. Earlier waves stay as they are. The
          rollout then ends.
        </p>
      </Dialog>
      <Dialog
        open={dialog === 'continue'}
        title="Continue the rollout"
        onClose={() => setDialog(undefined)}
        actions={
          <button
            type="button"
            className="primary"
            disabled={busy || reason.trim() === ''}
            onClick={() =>
              void act(call('rollouts.continue', { rolloutId: r.id, reason: reason.trim() }))
            }
          >
            Continue rollout
          </button>
        }
      >
        <p>
          The site it stopped at is passed over (its change stays open for you); the others go on.
          Your reason goes in the rollout&apos;s journal.
        </p>
        <label className="field">
          <span>Reason (required)</span>
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      </Dialog>
    </Notice>
  );
}
