import { create } from 'zustand';

export const usePalette = create<{
  open: boolean;
  help: boolean;
  setOpen(v: boolean): void;
  setHelp(v: boolean): void;
}>((set) => ({
  open: false,
  help: false,
  setOpen: (open) => set({ open }),
  setHelp: (help) => set({ help }),
}));
