import { useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { foldChange } from '../../../shared/domain/workflow';
import { call } from '../../bridge';
import { ReasonDialog, type ReasonAnswer } from './emergency/ReasonDialog';
import { LockNotice } from './LockNotice';
import { teamLockOf, TeamLockNotice, type TeamLockRetry } from '../workspace/TeamLockNotice';
import { startAnomalyNotifications } from './notifications';

/**
 * "Start change" for one site x target, usable from any page (provider pages, the journal). The
 * lock is main's: a refusal names the open change and links to it.
 */
export default function StartChangeButton({
  connectionId,
  siteId,
  target,
  title,
}: {
  connectionId: string;
  siteId: string;
  target: string;
  title?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BridgeError>();
  const [asking, setAsking] = useState(false);
  // The reason asked for stays with a retry after the team lock's question (take over, unconfirmed).
  const [why, setWhy] = useState<ReasonAnswer>();
  async function start(reason?: ReasonAnswer, teamLock?: TeamLockRetry) {
    setWhy(reason);
    startAnomalyNotifications();
    setBusy(true);
    setError(undefined);
    const r = await call('changes.start', {
      connectionId,
      siteId,
      target,
      ...(title ? { title } : {}),
      ...(teamLock ? { teamLock } : {}),
      ...reason,
    });
    setBusy(false);
    // Closed either way: a refusal shows under the button (the team lock's retry keeps the reason).
    setAsking(false);
    if (!r.ok) return setError(r.error);
    location.hash = `#/changes/${foldChange(r.value.entries).id}`;
  }
  return (
    <div className="start-change">
      <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
        {busy ? 'Starting…' : 'Start change'}
      </button>
      <button type="button" className="linklike" disabled={busy} onClick={() => setAsking(true)}>
        With a reason…
      </button>
      <ReasonDialog
        open={asking}
        title="Start a change with its reason"
        confirmLabel="Start change"
        withTicket
        danger={false}
        busy={busy}
        error={undefined}
        onClose={() => setAsking(false)}
        onConfirm={(a) => void start(a)}
      >
        <p>The reason and the ticket are kept in the change journal and its exports.</p>
      </ReasonDialog>
      {error &&
        (teamLockOf(error) ? (
          <TeamLockNotice error={error} retry={(c) => void start(why, c)} />
        ) : (
          <LockNotice error={error} />
        ))}
    </div>
  );
}

export { StartChangeButton };
