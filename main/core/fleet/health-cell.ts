import type { Fetched } from '../../../shared/bridge';
import type { FleetHealth } from '../../../shared/bridge/calls/fleet';
import type { SiteHealth } from '../../../shared/contract';
import type { Heat } from './rounds';

/** The Fleet screen's health cell from a health read (live or the offline copy). */
export function healthCell(read: Fetched<SiteHealth>): FleetHealth {
  const h = read.data;
  return {
    at: read.fetchedAt,
    stale: read.stale,
    status: h.status,
    providers: Object.fromEntries(h.integrations.map((p) => [p.provider, p.status])),
    webhooks: h.webhooks.map((w) => ({ id: w.id, name: w.name, status: w.status })),
  };
}

/** A read the API refused (unknown site, revoked token): shown as an error cell. */
export function errorCell(message: string, at: string): FleetHealth {
  return { at, stale: false, status: 'error', providers: {}, webhooks: [], error: message };
}

/** How often the poller should come back to a site, from its last health and open change. */
export function heatOf(
  health: FleetHealth | null,
  changeOpen: boolean,
): Exclude<Heat, 'unread' | 'visible'> {
  if (health?.status === 'failing' || health?.status === 'error') return 'failing';
  if (changeOpen) return 'change_open';
  if (health?.status === 'degraded') return 'degraded';
  return 'calm';
}
