import { create } from 'zustand';
import { queryClient } from '../data/query-client';

/**
 * One "refresh now" signal for the whole frame: the `r` shortcut, the palette, the offline banner's
 * Retry and the return of connectivity. It invalidates every query on screen (they refetch at
 * once; the rest on their next use) and bumps `tick` for what is not a query (the live log).
 */
export const useRefresh = create<{ tick: number; bump(): void }>((set) => ({
  tick: 0,
  bump: () => {
    void queryClient.invalidateQueries({ refetchType: 'active' });
    set((s) => ({ tick: s.tick + 1 }));
  },
}));
