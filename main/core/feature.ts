/**
 * A feature of the core: its slice of the bridge (thin adapters over its service) and what must
 * stop on quit. Features reach each other through the typed services wired in app-core.ts, never
 * through the bridge.
 */
export interface Feature<H> {
  handlers: H;
  /** Stops timers, tails and file handles; awaited on quit. */
  close?(): Promise<void>;
}
