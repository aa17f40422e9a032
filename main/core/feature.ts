import type { CallInput, CallName, CallOutput } from '../../shared/bridge';
import type { EventHub } from '../host/event-hub';
import type { ConnectionService } from './connections/connection-service';
import type { DamageSink } from './damage/register';
import type { SettingsStore } from './settings/settings-store';

/**
 * Calls another bridge handler in-process, through the same schemas as the renderer. Features use
 * it instead of reaching into each other's internals (e.g. snapshots read `integrations.get`).
 */
export type Invoke = <K extends CallName>(name: K, input: CallInput<K>) => Promise<CallOutput<K>>;

/** What every feature factory receives from the core. */
export interface FeatureDeps {
  dataDir: string;
  hub: EventHub;
  settings: SettingsStore;
  connections: ConnectionService;
  invoke: Invoke;
  /** Where a store reports a file it found damaged and moved aside (shown on screen). */
  damage: DamageSink;
}

export interface Feature<H> {
  handlers: H;
  /** Settles once the feature has read its files (and reported any damage); awaited at start. */
  ready?: Promise<unknown>;
  /** Stops timers, tails and file handles; awaited on quit. */
  close?(): Promise<void>;
}
