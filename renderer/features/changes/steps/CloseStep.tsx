import { targetKind } from '../../../../shared/bridge/calls/snapshots-types';
import { useState } from 'react';
import { statusWords, type ChangeState } from '../../../../shared/domain/workflow';
import { useChange } from '../change-store';
import { AcknowledgeCard } from '../emergency/AcknowledgeCard';
import { OverrideDialog } from './OverrideDialog';

export function CloseStep({ s }: { s: ChangeState }) {
  const run = useChange((x) => x.run);
  const legal = useChange((x) => x.legal);
  const busy = useChange((x) => x.busy);
  const error = useChange((x) => x.error);
  const [confirming, setConfirming] = useState(false);
  const summary = s.monitor?.summary;
  // After an incomplete window, known-good is a second, explicit decision with a reason.
  const incomplete = summary !== undefined && !summary.fullWindow && !summary.endedEarly;
  const close = async (overrideReason?: string) => {
    const done = await run('Closing', 'changes.close', {
      changeId: s.id,
      outcome: 'known_good',
      ...(overrideReason ? { overrideReason } : {}),
    });
    if (done) setConfirming(false);
  };
  return (
    <div className="step-body">
      {!s.open && (
        <p data-testid="outcome">
          Closed: <strong>{statusWords({ ...s, endedEarly: !!s.endedEarly })}</strong>
          {s.afterSnapshotVersion ? (
            <>
              {' '}
              — after snapshot <a href={`#/snapshots/${s.target}`}>v{s.afterSnapshotVersion}</a>
              {s.outcome === 'known_good' ? ', flagged known-good' : ''}
            </>
          ) : null}
          .
        </p>
      )}
      {s.open && <AcknowledgeCard s={s} />}
      {s.outcome === 'known_good' && s.kind === 'change' && targetKind(s.target) === 'provider' && (
        <p>
          <a className="button" href={`#/fleet/rollout/${s.id}`}>
            Roll out to other sites
          </a>
        </p>
      )}
      {legal.includes('mark_known_good') && (
        <button
          type="button"
          className="primary"
          disabled={busy !== undefined}
          onClick={() => (incomplete ? setConfirming(true) : void close())}
        >
          Mark known-good
        </button>
      )}
      {incomplete && summary && (
        <OverrideDialog
          open={confirming}
          summary={summary}
          busy={busy !== undefined}
          error={error}
          onConfirm={(reason) => void close(reason)}
          onClose={() => setConfirming(false)}
        />
      )}
      {legal.includes('close_rolled_back') && (
        <button
          type="button"
          className="primary"
          disabled={busy !== undefined}
          onClick={() =>
            void run('Closing', 'changes.close', { changeId: s.id, outcome: 'rolled_back' })
          }
        >
          Close as rolled back
        </button>
      )}
    </div>
  );
}
