import { on } from '../../bridge';
import { showWebNotification } from '../../ui/web-notification';

let started = false;

/**
 * Turns `changes.anomaly` into a desktop notification in browser mode (the web Notification API).
 * Under Electron (`window.ops` present) main shows a native one, so the renderer stays quiet:
 * one notification per anomaly, and it appears even with no window open.
 * Idempotent: call it from any screen that cares, or once at start-up.
 */
export function startAnomalyNotifications(): void {
  if (started || typeof window === 'undefined' || window.ops) return;
  started = true;
  on('changes.anomaly', (e) =>
    showWebNotification(e.title, e.body, `anomaly-${e.changeId}`, `#/changes/${e.changeId}`),
  );
}
