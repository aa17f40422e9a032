import { create } from 'zustand';
import type { DamageReport } from '../../../shared/bridge/calls/damage';
import { call, on } from '../../bridge';

export interface LiveNotice {
  key: number;
  level: 'info' | 'warning' | 'error';
  message: string;
  /** The notice's heading; main's notices go without one (their own heading by level). */
  title?: string;
}

/** Damaged files main reported (until dismissed) and notices main sent while the app runs. */
interface NoticesState {
  damage: DamageReport[];
  live: LiveNotice[];
  dismissError: string | undefined;
  load(): Promise<void>;
  dismiss(id: string): Promise<void>;
  dropLive(key: number): void;
  /** A notice raised in this window (an action run from the command palette that failed). */
  say(level: LiveNotice['level'], message: string, title?: string): void;
}

let nextKey = 1;

export const useNotices = create<NoticesState>((set, get) => ({
  damage: [],
  live: [],
  dismissError: undefined,
  async load() {
    const r = await call('damage.list', {});
    if (r.ok) set({ damage: r.value });
  },
  async dismiss(id) {
    const r = await call('damage.dismiss', { id });
    if (!r.ok) return set({ dismissError: r.error.message });
    set({ damage: get().damage.filter((d) => d.id !== id), dismissError: undefined });
  },
  dropLive(key) {
    set({ live: get().live.filter((n) => n.key !== key) });
  },
  say(level, message, title) {
    const notice = { key: nextKey++, level, message, ...(title ? { title } : {}) };
    set({ live: keepNewest([...get().live, notice]) });
  },
}));

// Bounded: the newest few; older ones are in the app log.
const keepNewest = (live: LiveNotice[]) => live.slice(-5);

// Every window hears of damage the moment a store finds it, and of a dismissal in another window.
on('damage.reported', (report) => {
  const { damage } = useNotices.getState();
  if (!damage.some((d) => d.id === report.id)) useNotices.setState({ damage: [...damage, report] });
});
on('damage.dismissed', ({ id }) =>
  useNotices.setState({ damage: useNotices.getState().damage.filter((d) => d.id !== id) }),
);
on('app.notice', ({ level, message }) => useNotices.getState().say(level, message));
