import type { z } from 'zod';
import {
  fail,
  OpsFailure,
  type Site,
  type SiteCheck,
  type SiteInput,
} from '../../../shared/bridge';
import type { ConnectionTester } from './connection-handlers';
import type { ConnectionService } from './connection-service';
import { siteConflict } from './site-rules';

/**
 * Saves a site after checking it: the local rules first (one id and one label per connection),
 * then, for a site id not saved yet, the API itself, live. An id the API does not know is refused
 * with the API's answer, so the picker never lists a site that only ever shows a 404.
 */
export async function saveCheckedSite(
  service: ConnectionService,
  listIntegrations: ConnectionTester,
  input: z.output<typeof SiteInput>,
): Promise<Site & { checked?: SiteCheck }> {
  const conflict = siteConflict(service.listSites(), input);
  if (conflict) fail('validation', conflict, { issues: [{ path: 'label', message: conflict }] });
  const before = input.id ? service.site(input.id) : undefined;
  const siteId = input.siteId.toLowerCase();
  const known = before?.connectionId === input.connectionId && before.siteId === siteId;
  let checked: SiteCheck | undefined;
  if (!known) {
    const started = performance.now();
    try {
      const integrations = await listIntegrations(input.connectionId, siteId);
      checked = {
        integrations,
        checkedAt: new Date().toISOString(),
        durationMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      if (error instanceof OpsFailure && error.error.kind === 'not_found')
        fail(
          'not_found',
          `Site ${siteId} does not exist on this connection: the API answered "${error.error.message}". Check the id in the Selwise console; nothing was saved.`,
          { issues: [{ path: 'siteId', message: 'the API does not know this site id' }] },
        );
      if (error instanceof OpsFailure)
        fail(
          error.error.kind,
          `The site could not be checked against the API, so it was not saved: ${error.error.message}`,
        );
      throw error;
    }
  }
  const site = service.saveSite(input);
  return { ...site, ...(checked ? { checked } : {}) };
}
