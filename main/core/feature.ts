import type { CallInput, CallName, CallOutput } from '../../shared/bridge';
import type { EventHub } from '../host/event-hub';
import type { ConnectionService } from './connections/connection-service';
import type { SettingsStore } from './settings/settings-store';
import type { WorkspaceFeature } from './workspace/feature';

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
  /** The team workspace every store writes through (a local repository, synced when enabled). */
  workspace: WorkspaceFeature;
}

export interface Feature<H> {
  handlers: H;
  /** Stops timers, tails and file handles; awaited on quit. */
  close?(): Promise<void>;
}
