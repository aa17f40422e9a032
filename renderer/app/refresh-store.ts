import { create } from 'zustand';

/**
 * One "refresh now" signal for the whole frame: the `r` shortcut, the palette, the offline banner's
 * Retry and the return of connectivity all bump it; every mounted screen refetches on a new tick.
 */
export const useRefresh = create<{ tick: number; bump(): void }>((set) => ({
  tick: 0,
  bump: () => set((s) => ({ tick: s.tick + 1 })),
}));
