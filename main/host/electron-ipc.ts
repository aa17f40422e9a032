import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import {
  CALL_NAMES,
  callChannel,
  eventChannel,
  type ClientId,
  type Handlers,
} from '../../shared/bridge';
import { dispatch } from './dispatch';
import type { EventHub } from './event-hub';
import { isAllowedNavigation } from '../electron/navigation';

/**
 * The window a call came from, if it is trusted: the main frame of one of our windows showing our
 * own app:// page (Electron security checklist, item 17). A subframe, a foreign page or a destroyed frame has none.
 */
export function trustedWindow(
  frame: WebFrameMain | null | undefined,
  windows: () => BrowserWindow[],
): BrowserWindow | undefined {
  if (!frame || !isAllowedNavigation(frame.url)) return undefined;
  return windows().find((w) => !w.isDestroyed() && w.webContents.mainFrame === frame);
}

export function isTrustedSender(
  frame: WebFrameMain | null | undefined,
  windows: () => BrowserWindow[],
): boolean {
  return trustedWindow(frame, windows) !== undefined;
}

/** Each window is one client of the bridge, named after its webContents. */
export const windowClient = (w: BrowserWindow): ClientId => `window-${w.webContents.id}`;

/**
 * Registers one IPC handler per bridge call, all through the same guard and dispatcher. Calls
 * carry the window they came from; events addressed to one window go to that window only, and a
 * window that is destroyed ends what it subscribed to (`clientGone`).
 */
export function registerIpc(
  handlers: Handlers,
  hub: EventHub,
  windows: () => BrowserWindow[],
  clientGone: (client: ClientId) => void = () => undefined,
): () => void {
  const watched = new WeakSet<BrowserWindow>();
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), (event: IpcMainInvokeEvent, input: unknown) => {
      const win = trustedWindow(event.senderFrame, windows);
      if (!win)
        return {
          ok: false,
          error: {
            kind: 'validation',
            message: 'Refused: the request did not come from the Integration Ops window.',
          },
        };
      const client = windowClient(win);
      if (!watched.has(win)) {
        watched.add(win);
        win.webContents.once('destroyed', () => clientGone(client));
      }
      // dispatch never rejects and refuses values too deep for Electron's structured clone.
      return dispatch(handlers, name, input, { client });
    });
  }
  const detach = hub.attach((name, payload, to) => {
    for (const w of windows()) {
      if (w.isDestroyed() || (to !== undefined && to !== windowClient(w))) continue;
      // Serialization happens in send: a failure for one window is logged, never thrown into the
      // feature that emitted the event, and the other windows still get it.
      try {
        w.webContents.send(eventChannel(name), payload);
      } catch (error) {
        console.error(`[bridge] event ${name} could not be sent to a window:`, error);
      }
    }
  });
  return () => {
    detach();
    for (const name of CALL_NAMES) ipcMain.removeHandler(callChannel(name));
  };
}
