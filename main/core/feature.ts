/**
 * A feature of the core: its slice of the bridge (thin adapters over its service) and what must
 * stop on quit. Features reach each other through the typed services wired in app-core.ts, never
 * through the bridge.
 */
export interface Feature<H> {
  handlers: H;
  /** Settles once the feature has read its files (and reported any damage); awaited at start. */
  ready?: Promise<unknown>;
  /** Stops timers, tails and file handles; awaited on quit. */
  close?(): Promise<void>;
}
