import type { QueryClient } from '@tanstack/react-query';
import type { CallName } from '../../shared/bridge';
import { on } from '../bridge';
import { OFFLINE_READS } from '../features/offline/read';
import { keyMatcher, queryKeyOf } from './keys';

/** Everything read from the API for one site: what a change, a drill or a reconnect can move. */
const SITE_READS: CallName[] = [...OFFLINE_READS, 'snapshots.drift', 'checklist.get'];

function invalidate(client: QueryClient, names: CallName[], scope = {}) {
  const matches = keyMatcher(names, scope);
  void client.invalidateQueries({ predicate: (q) => matches(q.queryKey) });
}

/**
 * Bridge events say what moved; this turns each into the query keys it makes stale. Only active
 * queries refetch at once, the rest on their next use.
 */
export function invalidateOnEvents(client: QueryClient): () => void {
  const offs = [
    on('settings.changed', (settings) => {
      client.setQueryData(queryKeyOf('settings.get', {}), settings);
    }),
    on('snapshots.changed', (k) => {
      invalidate(client, ['snapshots.list', 'snapshots.targets', 'snapshots.drift'], {
        connectionId: k.connectionId,
        siteId: k.siteId,
      });
    }),
    on('changes.changed', (e) => {
      invalidate(client, ['changes.get'], { changeId: e.changeId });
      invalidate(client, ['changes.list', 'changes.openFor']);
      // Fleet: a site's change moves the checklist matrix and the rollout it belongs to.
      invalidate(client, ['fleet.checklist', 'rollouts.get']);
      // A change writes to the API (apply, rollback): the site's reads are out of date.
      invalidate(client, SITE_READS, { connectionId: e.connectionId, siteId: e.siteId });
    }),
    on('rollouts.changed', (e) => {
      invalidate(client, ['rollouts.get'], { rolloutId: e.rolloutId });
      invalidate(client, ['rollouts.list']);
    }),
    on('runbooks.changed', (e) => {
      invalidate(client, ['fleet.checklist']);
      invalidate(client, ['runbooks.get', 'runbooks.list', 'checklist.get'], {
        connectionId: e.connectionId,
        siteId: e.siteId,
      });
    }),
    on('connectivity.changed', (e) => {
      // Back online: everything of that connection that was served from the cache refetches.
      if (e.online) invalidate(client, SITE_READS, { connectionId: e.connectionId });
    }),
  ];
  return () => offs.forEach((off) => off());
}

/** After a direct write (webhook create/delete, drills): the site's reads refetch. */
export function invalidateSite(client: QueryClient, connectionId: string, siteId: string): void {
  invalidate(client, SITE_READS, { connectionId, siteId });
}
