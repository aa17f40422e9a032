import { Notification, type BrowserWindow } from 'electron';
import type { EventHub } from '../host/event-hub';
import { APP_ORIGIN } from './navigation';

/** What a desktop notification shows and where a click on it leads (a hash route). */
function noteFor(
  name: string,
  payload: unknown,
): { title: string; body: string; route: string } | undefined {
  if (name === 'changes.anomaly') {
    const e = payload as { changeId: string; title: string; body: string };
    return { title: e.title, body: e.body, route: `changes/${encodeURIComponent(e.changeId)}` };
  }
  if (name === 'alerts.raised') {
    const a = payload as { id: string; title: string; detail: string };
    return { title: a.title, body: a.detail, route: `alerts/${encodeURIComponent(a.id)}` };
  }
  return undefined;
}

/**
 * Under Electron, monitoring anomalies and the watch's alerts become native notifications from
 * main: they appear even when no window is open, and the renderer stays quiet so there is one
 * notification each. A click brings the window back on the change or alert that raised it.
 */
export function attachAnomalyNotifications(
  hub: EventHub,
  windows: () => BrowserWindow[],
  openWindow: () => BrowserWindow,
): () => void {
  return hub.attach((name, payload) => {
    const shown = noteFor(name, payload);
    if (!shown || !Notification.isSupported()) return;
    const note = new Notification({ title: shown.title, body: shown.body });
    note.on('click', () => {
      const win = windows()[0] ?? openWindow();
      if (win.isMinimized()) win.restore();
      win.focus();
      void win.loadURL(`${APP_ORIGIN}/index.html#/${shown.route}`);
    });
    note.show();
  });
}
