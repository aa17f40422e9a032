import { create } from 'zustand';
import type { AppInfo, Connection, Site } from '../../shared/bridge';
import { call } from '../bridge';

/** What every screen needs: app info, connections, sites and which site is selected. */
interface SessionState {
  info: AppInfo | undefined;
  connections: Connection[];
  sites: Site[];
  selectedSiteId: string | undefined;
  loadError: string | undefined;
  load(): Promise<void>;
  selectSite(id: string): void;
}

const SELECTED_KEY = 'integration-ops.selected-site';

export const useSession = create<SessionState>((set, get) => ({
  info: undefined,
  connections: [],
  sites: [],
  selectedSiteId: localStorage.getItem(SELECTED_KEY) ?? undefined,
  loadError: undefined,
  async load() {
    const [info, connections, sites] = await Promise.all([
      call('app.info', {}),
      call('connections.list', {}),
      call('sites.list', {}),
    ]);
    const firstError = [info, connections, sites].find((r) => !r.ok);
    if (firstError && !firstError.ok) return set({ loadError: firstError.error.message });
    const siteList = sites.ok ? sites.value : [];
    const selected = get().selectedSiteId;
    set({
      info: info.ok ? info.value : undefined,
      connections: connections.ok ? connections.value : [],
      sites: siteList,
      loadError: undefined,
      selectedSiteId: siteList.some((s) => s.id === selected) ? selected : siteList[0]?.id,
    });
  },
  selectSite(id) {
    localStorage.setItem(SELECTED_KEY, id);
    set({ selectedSiteId: id });
  },
}));

export function useSelectedSite(): { site: Site; connection: Connection | undefined } | undefined {
  const { sites, connections, selectedSiteId } = useSession();
  const site = sites.find((s) => s.id === selectedSiteId);
  if (!site) return undefined;
  return { site, connection: connections.find((c) => c.id === site.connectionId) };
}
