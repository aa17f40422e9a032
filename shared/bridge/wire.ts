import { z } from 'zod';
import type { BridgeResult } from './errors';
import type { CallName, EventName } from './table';

/** Browser-mode WebSocket frames. Electron IPC uses one channel per call instead (see preload). */
export const ClientFrame = z.object({
  id: z.number().int().nonnegative(),
  call: z.string().max(100),
  input: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrame>;

export type ServerFrame =
  { id: number; result: BridgeResult } | { event: EventName; payload: unknown };

export const ServerFrameSchema = z.union([
  z.object({ id: z.number().int(), result: z.unknown() }),
  z.object({ event: z.string(), payload: z.unknown() }),
]);

export { callChannel, eventChannel } from './names';

/** What the preload exposes as `window.ops`: named functions only, no raw ipcRenderer. */
export interface OpsGlobal {
  readonly invoke: Readonly<Record<CallName, (input: unknown) => Promise<BridgeResult>>>;
  readonly subscribe: Readonly<
    Record<EventName, (listener: (payload: unknown) => void) => () => void>
  >;
}
