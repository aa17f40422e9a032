import { useEffect, useState } from 'react';
import type { WorkspaceStatus } from '../../../shared/bridge/calls/workspace';
import { call, on } from '../../bridge';
import { syncLabel } from './sync-label';

/** Header: where the team workspace stands ("Synced 10:02", "3 to push", "Offline: 2 local commits"). */
export default function SyncStatus() {
  const [status, setStatus] = useState<WorkspaceStatus>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void call('workspace.info', {}).then((r) => r.ok && setStatus(r.value.status));
    return on('workspace.status', setStatus);
  }, []);
  if (!status) return null;
  const problem = status.lastError ?? status.problems.at(-1);
  return (
    <span className={`sync-status sync-${status.state}`}>
      <a
        href="#/settings"
        role="status"
        title={problem ?? 'Team workspace'}
        data-testid="sync-status"
      >
        {syncLabel(status)}
      </a>
      {status.remote && (
        <button
          type="button"
          className="link"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void call('workspace.sync', {}).then((r) => {
              setBusy(false);
              if (r.ok) setStatus(r.value);
            });
          }}
        >
          Sync now
        </button>
      )}
    </span>
  );
}
