import type { Connection } from '../../shared/bridge';
import { useSelectedSite } from './session-store';

/** What every API call needs: the connection and the remote site id of the selected site. */
export interface Target {
  connectionId: string;
  siteId: string;
}

export function useTarget():
  { target: Target; kind: Connection['kind'] | undefined; label: string } | undefined {
  const selected = useSelectedSite();
  if (!selected) return undefined;
  return {
    target: { connectionId: selected.site.connectionId, siteId: selected.site.siteId },
    kind: selected.connection?.kind,
    label: selected.site.label,
  };
}

/** A stable string key for effects (objects change identity on every render). */
export function targetKey(t: Target | undefined): string {
  return t ? `${t.connectionId}/${t.siteId}` : '';
}
