import { on } from '../../bridge';

let started = false;

/**
 * Turns `changes.anomaly` into a desktop notification (browser mode: the web Notification API;
 * under Electron, main shows its own and this one is skipped when permission is not granted).
 * Idempotent: call it from any screen that cares, or once at start-up.
 */
export function startAnomalyNotifications(): void {
  if (started || typeof window === 'undefined') return;
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
    else if (Notification.permission === 'default') void Notification.requestPermission().then((p) => p === 'granted' && show());
  });
}
