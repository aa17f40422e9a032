import type { CallContext, connectionCalls, HandlersOf } from '../../../shared/bridge';
import type { ConnectionService } from './connection-service';
import { saveCheckedSite } from './site-check';

/**
 * `connections.test` and the check of a new site perform a real, live `GET .../integrations` for
 * the site through the API client; the answer is the providers it lists.
 */
export type ConnectionTester = (connectionId: string, siteId: string) => Promise<string[]>;

export function createConnectionHandlers(
  service: ConnectionService,
  test: ConnectionTester,
): HandlersOf<typeof connectionCalls, CallContext> {
  return {
    'connections.list': () => service.list(),
    'connections.save': (input) => service.save(input),
    'connections.remove': async ({ id }) => ({ removed: await service.remove(id) }),
    'connections.test': async ({ connectionId, siteId }) => {
      const started = performance.now();
      const integrations = await test(connectionId, siteId);
      return {
        ok: true as const,
        integrations: integrations.length,
        durationMs: Math.round(performance.now() - started),
      };
    },
    'sites.list': () => Promise.resolve(service.listSites()),
    'sites.save': (input) => saveCheckedSite(service, test, input),
    'sites.remove': ({ id }) => Promise.resolve({ removed: service.removeSite(id) }),
  };
}
