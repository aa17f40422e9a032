import type { WorkspaceStatus } from '../../../shared/bridge/calls/workspace';

const hhmm = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });

/** The header's one line about the team workspace. */
export function syncLabel(s: WorkspaceStatus): string {
  if (!s.remote) return 'Local workspace';
  if (s.state === 'offline') return `Offline: ${s.ahead} local commit${s.ahead === 1 ? '' : 's'}`;
  if (s.state === 'error') return 'Sync failed';
  if (s.state === 'syncing') return 'Syncing…';
  if (s.ahead > 0) return `${s.ahead} to push`;
  return s.lastSyncAt ? `Synced ${hhmm(s.lastSyncAt)}` : 'Not synced yet';
}
