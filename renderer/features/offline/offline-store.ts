import { create } from 'zustand';

/** Why the selected connection's data may be old: cached reads, or the API reported unreachable. */
export interface StaleState {
  /** The oldest fetch time among the cached answers currently on screen. */
  cachedSince?: string;
  reason?: string;
  /** Since when the API has been unreachable (from connectivity.changed). */
  offlineSince?: string;
}

interface OfflineStore {
  byConnection: Record<string, StaleState | undefined>;
  noteStale(connectionId: string, fetchedAt: string, reason: string | undefined): void;
  noteFresh(connectionId: string): void;
  noteConnectivity(
    connectionId: string,
    online: boolean,
    since: string,
    message: string | undefined,
  ): void;
}

export const useOffline = create<OfflineStore>((set) => ({
  byConnection: {},
  noteStale(connectionId, fetchedAt, reason) {
    set((s) => {
      const prev = s.byConnection[connectionId];
      const cachedSince =
        prev?.cachedSince && prev.cachedSince < fetchedAt ? prev.cachedSince : fetchedAt;
      return {
        byConnection: {
          ...s.byConnection,
          [connectionId]: { ...prev, cachedSince, reason: reason ?? prev?.reason },
        },
      };
    });
  },
  // A fresh answer proves the API is back: the banner clears itself, no reload needed.
  noteFresh(connectionId) {
    set((s) =>
      s.byConnection[connectionId]
        ? { byConnection: { ...s.byConnection, [connectionId]: undefined } }
        : s,
    );
  },
  noteConnectivity(connectionId, online, since, message) {
    set((s) => {
      if (online) return { byConnection: { ...s.byConnection, [connectionId]: undefined } };
      const prev = s.byConnection[connectionId];
      return {
        byConnection: {
          ...s.byConnection,
          [connectionId]: { ...prev, offlineSince: since, reason: message ?? prev?.reason },
        },
      };
    });
  },
}));
