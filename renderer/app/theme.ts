import { useEffect } from 'react';
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';

/** The operator's theme choice; "system" follows the OS (prefers-color-scheme) live. */
export const useThemeChoice = create<{ choice: ThemeChoice; setChoice(c: ThemeChoice): void }>(
  (set) => ({
    choice: (localStorage.getItem('integration-ops.theme') as ThemeChoice | null) ?? 'system',
    setChoice(choice) {
      localStorage.setItem('integration-ops.theme', choice);
      set({ choice });
    },
  }),
);

export function useTheme(): void {
  const choice = useThemeChoice((s) => s.choice);
  useEffect(() => {
    const root = document.documentElement;
    if (choice === 'system') delete root.dataset.theme;
    else root.dataset.theme = choice;
  }, [choice]);
}
