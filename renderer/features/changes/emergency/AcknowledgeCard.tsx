import { useState } from 'react';
import { toAcknowledge, type ChangeState } from '../../../../shared/domain/workflow';
import { useChange } from '../change-store';
import { ReasonDialog } from './ReasonDialog';

/**
 * Regressions and anomalies not yet acknowledged: Mark known-good is refused until the operator
 * has read them and said why they may pass (journaled).
 */
export function AcknowledgeCard({ s }: { s: ChangeState }) {
  const run = useChange((x) => x.run);
  const busy = useChange((x) => x.busy);
  const error = useChange((x) => x.error);
  const legal = useChange((x) => x.legal);
  const [open, setOpen] = useState(false);
  const items = toAcknowledge(s);
  if (!items.length || !legal.includes('acknowledge')) return null;
  return (
    <section className="card ack-card" aria-labelledby="ack-title" data-testid="to-acknowledge">
      <h4 id="ack-title">
        {items.length === 1 ? '1 item' : `${items.length} items`} to acknowledge before Mark
        known-good
      </h4>
      <ul className="impact-flags">
        {items.map((i) => (
          <li key={i} className="flag-bad">
            {i}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setOpen(true)} disabled={busy !== undefined}>
        Acknowledge…
      </button>
      <ReasonDialog
        open={open}
        title="Acknowledge these regressions and anomalies?"
        confirmLabel="Acknowledge"
        busy={busy !== undefined}
        error={error}
        onClose={() => setOpen(false)}
        onConfirm={(a) =>
          void run('Acknowledging', 'changes.acknowledge', {
            changeId: s.id,
            items,
            reason: a.reason,
          }).then((done) => done && setOpen(false))
        }
      >
        <p>You have read these, and say why the change may still be marked known-good:</p>
        <ul>
          {items.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      </ReasonDialog>
    </section>
  );
}
