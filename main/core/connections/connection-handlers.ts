import type { CallContext, connectionCalls, HandlersOf } from '../../../shared/bridge';
import type { ConnectionService } from './connection-service';

/** `connections.test` performs a real `GET .../integrations` for the site through the API client. */
export type ConnectionTester = (
  connectionId: string,
  siteId: string,
) => Promise<{ integrations: number }>;

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
      const { integrations } = await test(connectionId, siteId);
      return {
        ok: true as const,
        integrations,
        durationMs: Math.round(performance.now() - started),
      };
    },
    'sites.list': () => Promise.resolve(service.listSites()),
    'sites.save': (input) => Promise.resolve(service.saveSite(input)),
    'sites.remove': ({ id }) => Promise.resolve({ removed: service.removeSite(id) }),
  };
}
