import type { CallInput, CallName, CallOutput, Emit } from '../../shared/bridge';
import type { ConnectionService } from './connections/connection-service';
import type { SettingsStore } from './settings/settings-store';

/**
 * Calls another bridge handler in-process, through the same schemas as the renderer. Features use
 * it instead of reaching into each other's internals (e.g. snapshots read `integrations.get`).
 */
export type Invoke = <K extends CallName>(name: K, input: CallInput<K>) => Promise<CallOutput<K>>;

/** What every feature factory receives from the core. */
export interface FeatureDeps {
  dataDir: string;
  /** Events to the renderers; the host decides how they travel (IPC, WebSocket). */
  emit: Emit;
  settings: SettingsStore;
  connections: ConnectionService;
  invoke: Invoke;
}

export interface Feature<H> {
  handlers: H;
  /** Stops timers, tails and file handles; awaited on quit. */
  close?(): Promise<void>;
}
