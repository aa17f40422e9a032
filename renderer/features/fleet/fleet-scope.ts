import { useSession } from '../../app/session-store';
import { ENVIRONMENT_LABEL } from '../environment/environment';

/**
 * "3 sites - PRODUCTION, Sandbox": where a write across several sites goes, so its confirmation
 * names the environments as a one-site write does. A site whose connection is unknown counts as
 * production, the loudest reading.
 */
export function useSitesScope(keys: readonly string[]): string {
  const sites = useSession((s) => s.sites);
  const connections = useSession((s) => s.connections);
  const environments = new Set(
    keys.map((key) => {
      const site = sites.find((s) => s.id === key);
      const c = connections.find((x) => x.id === site?.connectionId);
      return ENVIRONMENT_LABEL[c?.environment ?? 'production'];
    }),
  );
  const count = keys.length === 1 ? '1 site' : `${keys.length} sites`;
  return `${count} - ${[...environments].sort().join(', ')}`;
}
