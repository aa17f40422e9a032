import { useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { foldChange } from '../../../shared/domain/workflow';
import { call } from '../../bridge';
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
  async function start(teamLock?: TeamLockRetry) {
    startAnomalyNotifications();
    setBusy(true);
    setError(undefined);
    const r = await call('changes.start', {
      connectionId,
      siteId,
      target,
      ...(title ? { title } : {}),
      ...(teamLock ? { teamLock } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    location.hash = `#/changes/${foldChange(r.value.entries).id}`;
  }
  return (
    <div className="start-change">
      <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
        {busy ? 'Starting…' : 'Start change'}
      </button>
      {error &&
        (teamLockOf(error) ? (
          <TeamLockNotice error={error} retry={(c) => void start(c)} />
        ) : (
          <LockNotice error={error} />
        ))}
    </div>
  );
}

export { StartChangeButton };
