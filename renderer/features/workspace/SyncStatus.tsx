import { useState } from 'react';
import { call } from '../../bridge';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { showWorkspaceInfo } from './workspace-info';
import { syncLabel } from './sync-label';

/** Header: where the team workspace stands ("Synced 10:02", "3 to push", "Offline: 2 local commits"). */
export default function SyncStatus() {
  const status = useBridgeQuery('workspace.info', {}).data?.status;
  const [busy, setBusy] = useState(false);
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
              if (r.ok) showWorkspaceInfo((info) => ({ ...info, status: r.value }));
            });
          }}
        >
          Sync now
        </button>
      )}
    </span>
  );
}
