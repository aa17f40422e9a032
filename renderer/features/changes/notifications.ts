import { on } from '../../bridge';

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
  on('changes.anomaly', (e) => {
    if (!('Notification' in window)) return;
    const show = () => {
      const n = new Notification(e.title, { body: e.body, tag: `anomaly-${e.changeId}` });
      n.onclick = () => {
        window.focus();
        location.hash = `#/changes/${e.changeId}`;
      };
    };
    if (Notification.permission === 'granted') show();
    else if (Notification.permission === 'default')
      void Notification.requestPermission().then((p) => p === 'granted' && show());
  });
}
