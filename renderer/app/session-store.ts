import { create } from 'zustand';
import type { AppInfo, Connection, Site } from '../../shared/bridge';
import { keyMatcher } from '../data/keys';
import { queryClient } from '../data/query-client';
import { useBridgeQuery } from '../data/use-bridge-query';

const SELECTED_KEY = 'integration-ops.selected-site';

/** UI state only: which site the operator picked (remembered across reloads). */
const useSelection = create<{ selectedSiteId: string | undefined; selectSite(id: string): void }>(
  (set) => ({
    selectedSiteId: localStorage.getItem(SELECTED_KEY) ?? undefined,
    selectSite(id) {
      localStorage.setItem(SELECTED_KEY, id);
      set({ selectedSiteId: id });
    },
  }),
);

/** What every screen needs: app info, connections, sites (queries) and which site is selected. */
export interface Session {
  info: AppInfo | undefined;
  connections: Connection[];
  sites: Site[];
  selectedSiteId: string | undefined;
  loadError: string | undefined;
  /** Refetch app info, connections and sites (after an edit on the Connections screen). */
  load(): Promise<void>;
  selectSite(id: string): void;
}

const NO_CONNECTIONS: Connection[] = [];
const NO_SITES: Site[] = [];
const SESSION_READS = ['app.info', 'connections.list', 'sites.list'] as const;

function load(): Promise<void> {
  const matches = keyMatcher([...SESSION_READS]);
  return queryClient.invalidateQueries({ predicate: (q) => matches(q.queryKey) });
}

export function useSession(): Session;
export function useSession<T>(select: (s: Session) => T): T;
export function useSession<T>(select?: (s: Session) => T): T | Session {
  const info = useBridgeQuery('app.info', {}, { staleTime: Infinity });
  const connections = useBridgeQuery('connections.list', {}, { staleTime: Infinity });
  const sites = useBridgeQuery('sites.list', {}, { staleTime: Infinity });
  const { selectedSiteId: picked, selectSite } = useSelection();
  const siteList = sites.data ?? NO_SITES;
  // A remembered site that no longer exists falls back to the first one.
  const selectedSiteId = siteList.some((s) => s.id === picked) ? picked : siteList[0]?.id;
  const session: Session = {
    info: info.data,
    connections: connections.data ?? NO_CONNECTIONS,
    sites: siteList,
    selectedSiteId,
    loadError: (info.error ?? connections.error ?? sites.error)?.message,
    load,
    selectSite,
  };
  return select ? select(session) : session;
}

export function useSelectedSite(): { site: Site; connection: Connection | undefined } | undefined {
  const { sites, connections, selectedSiteId } = useSession();
  const site = sites.find((s) => s.id === selectedSiteId);
  if (!site) return undefined;
  return { site, connection: connections.find((c) => c.id === site.connectionId) };
}
