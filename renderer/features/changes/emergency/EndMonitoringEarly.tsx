import { useState } from 'react';
import type { ChangeState } from '../../../../shared/domain/workflow';
import { clock } from '../../../ui/format';
import { useChange } from '../change-store';
import { ReasonDialog } from './ReasonDialog';

/**
 * The emergency path on the Monitor step: end the window now, with a reason (and a ticket). The
 * change may then close; the journal, the exports and the checklist say "ended early".
 */
export function EndMonitoringEarly({ s }: { s: ChangeState }) {
  const run = useChange((x) => x.run);
  const busy = useChange((x) => x.busy);
  const error = useChange((x) => x.error);
  const [open, setOpen] = useState(false);
  const endsAt = s.monitor?.endsAt;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} disabled={busy !== undefined}>
        End monitoring early…
      </button>
      <ReasonDialog
        open={open}
        title="End monitoring before the business cycle is over?"
        confirmLabel="End monitoring now"
        withTicket
        busy={busy !== undefined}
        error={error}
        onClose={() => setOpen(false)}
        onConfirm={(a) =>
          void run('Ending monitoring', 'changes.endMonitoring', { changeId: s.id, ...a }).then(
            (done) => done && setOpen(false),
          )
        }
      >
        <p>
          The window was meant to run until {clock(endsAt)}. Ending it now records the window as
          short: the change can close, and the checklist counts it as “monitored: ended early”, not
          as monitored.
        </p>
      </ReasonDialog>
    </>
  );
}
