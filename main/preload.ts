import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// names.ts, not the table: the table would pull zod and every schema into the preload bundle.
import { CALL_NAMES, callChannel, EVENT_NAMES, eventChannel } from '../shared/bridge/names';
import type { OpsGlobal } from '../shared/bridge/wire';

/**
 * `window.ops`, generated from the bridge table: one named function per call and one subscribe
 * function per event (returning its unsubscribe). The renderer never sees ipcRenderer itself.
 */
function buildOps(): OpsGlobal {
  const invoke = Object.fromEntries(
    CALL_NAMES.map((name) => {
      const channel = callChannel(name);
      const fn = { [name]: (input: unknown) => ipcRenderer.invoke(channel, input) }[name]!;
      return [name, fn];
    }),
  ) as OpsGlobal['invoke'];
  const subscribe = Object.fromEntries(
    EVENT_NAMES.map((name) => {
      const channel = eventChannel(name);
      const fn = (listener: (payload: unknown) => void) => {
        const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
        ipcRenderer.on(channel, wrapped);
        return () => {
          ipcRenderer.removeListener(channel, wrapped);
        };
      };
      return [name, fn];
    }),
  ) as OpsGlobal['subscribe'];
  return Object.freeze({ invoke: Object.freeze(invoke), subscribe: Object.freeze(subscribe) });
}

contextBridge.exposeInMainWorld('ops', buildOps());
