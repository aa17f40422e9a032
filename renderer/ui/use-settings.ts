import type { Settings } from '../../shared/bridge';
import { useBridgeQuery } from '../data/use-bridge-query';

/** The operator's settings, one query for every window; `settings.changed` keeps it current. */
export function useSettings(): Settings | undefined {
  return useBridgeQuery('settings.get', {}, { staleTime: Infinity }).data;
}

/** The operator's refresh interval in seconds (Settings), 30 s until it is known. */
export function useRefreshInterval(): number {
  return useSettings()?.refreshIntervalSec ?? 30;
}

/** The `refetchInterval` of a screen's auto-refreshing queries (paused while the window is hidden). */
export function useAutoRefreshMs(): number {
  return useRefreshInterval() * 1000;
}
