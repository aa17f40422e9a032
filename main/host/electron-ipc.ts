import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { CALL_NAMES, callChannel, eventChannel, type Handlers } from '../../shared/bridge';
import { dispatch } from './dispatch';
import type { EventHub } from './event-hub';
import { isAllowedNavigation } from '../electron/navigation';

/**
 * A sender is trusted only if it is the main frame of one of our windows and shows our own
 * app:// page (checklist 17): a subframe, a foreign page or a destroyed frame is refused.
 */
export function isTrustedSender(
  frame: WebFrameMain | null | undefined,
  windows: () => BrowserWindow[],
): boolean {
  if (!frame) return false;
  const ours = windows().some((w) => !w.isDestroyed() && w.webContents.mainFrame === frame);
  return ours && isAllowedNavigation(frame.url);
}

/** Registers one IPC handler per bridge call, all through the same guard and dispatcher. */
export function registerIpc(
  handlers: Handlers,
  hub: EventHub,
  windows: () => BrowserWindow[],
): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event.senderFrame, windows))
        return {
          ok: false,
          error: {
            kind: 'validation',
            message: 'Refused: the request did not come from the Integration Ops window.',
          },
        };
      // dispatch never rejects and refuses values too deep for Electron's structured clone.
      return dispatch(handlers, name, input, hub.context);
    });
  }
  const detach = hub.attach((name, payload) => {
    for (const w of windows()) {
      if (w.isDestroyed()) continue;
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
