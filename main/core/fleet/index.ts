import type { CallContext, Emit, Fetched, Freshness, HandlersOf } from '../../../shared/bridge';
import type { fleetCalls } from '../../../shared/bridge/calls/fleet';
import type { IntegrationResource, SiteHealth } from '../../../shared/contract';
import type { ConnectionService } from '../connections/connection-service';
import type { Feature } from '../feature';
import type { RequestBudget } from '../scheduler/request-budget';
import type { SettingsStore } from '../settings/settings-store';
import { systemClock, type Clock } from '../../base/clock';
import { checklistMatrix } from './checklist-matrix';
import { FleetService, type FleetServiceDeps } from './fleet-service';
import { siteCells, type CellSources } from './site-cells';
import { importSites } from './site-import';

export interface FleetDeps {
  emit: Emit;
  settings: SettingsStore;
  connections: ConnectionService;
  readHealth: (connectionId: string, siteId: string) => Promise<Fetched<SiteHealth>>;
  cachedHealth: (connectionId: string, siteId: string) => Promise<Fetched<SiteHealth> | undefined>;
  readIntegrations: (
    connectionId: string,
    siteId: string,
    freshness: Freshness,
  ) => Promise<Fetched<IntegrationResource[]>>;
  budget: (connectionId: string) => RequestBudget;
  /** The journal, runbooks and snapshots behind the change, checklist and drift cells. */
  cells?: Omit<CellSources, 'integrations'>;
  clock?: Clock;
  tuning?: Pick<FleetServiceDeps, 'rounds' | 'idleMs' | 'flushMs'>;
}

export type FleetHandlers = HandlersOf<typeof fleetCalls, CallContext>;

/** The fleet: every saved site in one picture, bulk site management, and (later) rollouts. */
export function createFleetFeature(deps: FleetDeps): Feature<FleetHandlers> & {
  service: FleetService;
} {
  const service = new FleetService({
    clock: deps.clock ?? systemClock,
    emit: deps.emit,
    sites: () => deps.connections.listSites(),
    connections: () => deps.settings.snapshot.connections,
    readHealth: deps.readHealth,
    cachedHealth: deps.cachedHealth,
    budget: deps.budget,
    ...(deps.cells
      ? {
          // Drift is shown, not decided on: the offline copy (marked) is fine here.
          local: siteCells({
            ...deps.cells,
            integrations: (c, site) => deps.readIntegrations(c, site, 'display'),
          }),
        }
      : {}),
    ...deps.tuning,
  });
  return {
    service,
    handlers: {
      'fleet.rows': () => Promise.resolve(service.picture()),
      'fleet.checklist': async () => {
        if (!deps.cells) return { checkedAt: new Date().toISOString(), rows: [] };
        return checklistMatrix(deps.cells, deps.connections.listSites(), service.rowMap());
      },
      'fleet.visible': (i) => {
        service.setVisible(i.keys);
        return Promise.resolve({ ok: true as const });
      },
      'sites.import': async (i) => {
        const results = await importSites(
          {
            connections: deps.connections,
            emit: deps.emit,
            // Saving a site is a decision: the API's live answer only.
            listIntegrations: (c, site) => deps.readIntegrations(c, site, 'live'),
          },
          i.connectionId,
          i.rows,
        );
        service.syncSites();
        return { results };
      },
      // async: a refusal (unknown id) must reach the caller as a rejected promise.
      'sites.removeMany': async (i) => {
        const removed = deps.connections.removeSites(i.ids);
        service.syncSites();
        return Promise.resolve({ removed });
      },
      'sites.relabel': async (i) => {
        const relabelled = deps.connections.relabelSites(i.labels).length;
        service.syncSites();
        return Promise.resolve({ relabelled });
      },
    },
    close: () => {
      service.close();
      return Promise.resolve();
    },
  };
}
