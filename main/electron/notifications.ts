import { Notification, type BrowserWindow } from 'electron';
import type { EventHub } from '../host/event-hub';
import { APP_ORIGIN } from './navigation';

/**
 * Under Electron, monitoring anomalies become native notifications from main: they appear even
 * when no window is open, and the renderer stays quiet so there is one notification per anomaly.
 * A click brings the window back on the change that raised it.
 */
export function attachAnomalyNotifications(
  hub: EventHub,
  windows: () => BrowserWindow[],
  openWindow: () => BrowserWindow,
): () => void {
  return hub.attach((name, payload) => {
    if (name !== 'changes.anomaly' || !Notification.isSupported()) return;
    const event = payload as { changeId: string; title: string; body: string };
    const note = new Notification({ title: event.title, body: event.body });
    note.on('click', () => {
      const win = windows()[0] ?? openWindow();
      if (win.isMinimized()) win.restore();
      win.focus();
      void win.loadURL(`${APP_ORIGIN}/index.html#/changes/${encodeURIComponent(event.changeId)}`);
    });
    note.show();
  });
}
