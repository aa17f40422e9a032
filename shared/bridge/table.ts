import { z } from 'zod';
import { alertsCalls, alertsEvents } from './calls/alerts';
import { apiCalls, ConnectivityEvent } from './calls/api';
import { appCalls } from './calls/app';
import { connectionCalls } from './calls/connections';
import { fleetCalls, fleetEvents } from './calls/fleet';
import { rolloutsCalls, rolloutsEvents } from './calls/rollouts';
import { changesCalls, changesEvents } from './calls/changes';
import { damagedChangesCalls } from './calls/changes-damaged';
import { damageCalls, damageEvents } from './calls/damage';
import { runbooksCalls, runbooksEvents } from './calls/runbooks';
import { snapshotsCalls, snapshotsEvents } from './calls/snapshots';
import { tailCalls, tailEvents } from './calls/tail';
import { tailHistoryCalls } from './calls/tail-history';
import { traceCalls, traceEvents } from './calls/trace';
import { workspaceCalls, workspaceEvents } from './calls/workspace';
import type { CallSpec, HandlersOf } from './define';
import { CALL_NAMES, EVENT_NAMES, type CallNameList, type EventNameList } from './names';
import { Settings } from './calls/app';

/**
 * The bridge: every call and event between renderer and main, each with its zod schemas. A feature
 * adds its own file under calls/ and spreads it here; main's handler map must then cover it.
 */
export const calls = {
  ...appCalls,
  ...connectionCalls,
  ...apiCalls,
  ...snapshotsCalls,
  ...tailCalls,
  ...changesCalls,
  ...runbooksCalls,
  ...workspaceCalls,
  ...fleetCalls,
  ...rolloutsCalls,
  ...damageCalls,
  ...damagedChangesCalls,
  ...alertsCalls,
  ...traceCalls,
  ...tailHistoryCalls,
} satisfies Record<string, CallSpec>;

export const events = {
  'app.notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  /** Settings were saved (by any window): every window refetches them. */
  'settings.changed': Settings,
  'connectivity.changed': ConnectivityEvent,
  ...snapshotsEvents,
  ...tailEvents,
  ...changesEvents,
  ...runbooksEvents,
  ...workspaceEvents,
  ...fleetEvents,
  ...rolloutsEvents,
  ...damageEvents,
  ...alertsEvents,
  ...traceEvents,
} satisfies Record<string, z.ZodType>;

export type Calls = typeof calls;
export type Events = typeof events;
export type CallName = keyof Calls;
export type EventName = keyof Events;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** The zod-free name lists (names.ts, what the preload imports) must be exactly the table's keys. */
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const callNamesMatch: SameSet<CallName, CallNameList> = true;
const eventNamesMatch: SameSet<EventName, EventNameList> = true;
void callNamesMatch;
void eventNamesMatch;
export { CALL_NAMES, EVENT_NAMES };

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/**
 * One renderer connected to main: an Electron window (`window-<webContents id>`) or a browser-mode
 * tab (`tab-<n>`, one per WebSocket). Subscriptions (live tails) belong to the client that made them.
 */
export type ClientId = string;

/** Emits an event to every connected renderer, or only to `to` (the client that subscribed). */
export type Emit = <E extends EventName>(
  name: E,
  payload: z.input<Events[E]>,
  to?: ClientId,
) => void;

/** What main passes to every handler: who is calling. */
export interface CallContext {
  client: ClientId;
}
export type Handlers = HandlersOf<Calls, CallContext>;
