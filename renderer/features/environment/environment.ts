import type { Connection, Environment } from '../../../shared/bridge';
import { useSession } from '../../app/session-store';

export const ENVIRONMENT_LABEL: Record<Environment, string> = {
  production: 'PRODUCTION',
  staging: 'Staging',
  sandbox: 'Sandbox',
};

/** Where a write goes: the site's label and its connection's environment and colour. */
export interface WriteScope {
  siteLabel: string;
  environment: Environment;
  color: Connection['color'];
  connectionName: string;
}

/**
 * The scope of a site by its connection and remote id (not "the selected site": a panel may act on
 * the site it was opened for). Unknown sites count as production: the loudest, safest reading.
 */
export function useWriteScope(connectionId: string, siteId: string): WriteScope {
  const site = useSession((s) =>
    s.sites.find((x) => x.connectionId === connectionId && x.siteId === siteId),
  );
  const connection = useSession((s) => s.connections.find((c) => c.id === connectionId));
  return {
    siteLabel: site?.label ?? siteId,
    environment: connection?.environment ?? 'production',
    color: connection?.color ?? 'red',
    connectionName: connection?.name ?? connectionId,
  };
}

/** "Disable Meta on Nordwind Outdoor - PRODUCTION?": every write confirmation says where it goes. */
export function writeQuestion(action: string, scope: WriteScope): string {
  return `${action} on ${scope.siteLabel} - ${ENVIRONMENT_LABEL[scope.environment]}?`;
}
