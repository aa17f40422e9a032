import { on } from '../../bridge';
import { keyMatcher } from '../../data/keys';
import { queryClient } from '../../data/query-client';
import { showWebNotification } from '../../ui/web-notification';

let started = false;

/**
 * The watch's events in the renderer: `alerts.changed` refetches the connection's alerts (which
 * the window title and the banner count) and, after a round, the drift badges on screen; and in browser mode `alerts.raised` becomes a web
 * notification (under Electron, main shows a native one and the renderer stays quiet).
 */
export function startAlertEvents(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  on('alerts.changed', (e) => {
    const matches = keyMatcher(['alerts.list'], { connectionId: e.connectionId });
    void queryClient.invalidateQueries({ predicate: (q) => matches(q.queryKey) });
    // A watch round has just read every target live: drift badges on screen re-check now, so an
    // outside change shows as drift on the next round instead of the badge's own minute.
    if (!e.roundAt) return;
    const drift = keyMatcher(['snapshots.drift'], { connectionId: e.connectionId });
    void queryClient.invalidateQueries({ predicate: (q) => drift(q.queryKey) });
  });
  if (window.ops) return;
  on('alerts.raised', (a) => showWebNotification(a.title, a.detail, a.id, `#/alerts/${a.id}`));
}
