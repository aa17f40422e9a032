import { useEffect } from 'react';
import { call } from '../../bridge';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { useTarget } from '../../app/target';

export const APP_TITLE = 'Integration Ops';

/** The window title with the open alert count in front: "(2) Integration Ops". */
export function titleWith(openCount: number): string {
  return openCount > 0 ? `(${openCount}) ${APP_TITLE}` : APP_TITLE;
}

/**
 * The alerts of the selected site's connection. Asks main to watch that connection (every site of
 * it, on the auto-refresh) for as long as this window shows it, and keeps the title's count.
 */
export function useAlerts() {
  const connectionId = useTarget()?.target.connectionId;
  useEffect(() => {
    if (connectionId) void call('alerts.watch', { connectionId });
  }, [connectionId]);
  const q = useBridgeQuery('alerts.list', connectionId ? { connectionId } : undefined);
  const openCount = q.data?.openCount ?? 0;
  useEffect(() => {
    document.title = titleWith(openCount);
  }, [openCount]);
  return { connectionId, ...q };
}
