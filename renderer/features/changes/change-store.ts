import { create } from 'zustand';
import type { BridgeError, CallInput, CallName, CallOutput } from '../../../shared/bridge';
import type { ChangeView, MonitorProgress } from '../../../shared/bridge/calls/changes';
import {
  foldChange,
  legalActions,
  type Action,
  type ChangeState,
} from '../../../shared/domain/workflow';
import { call, on } from '../../bridge';

/** One open change screen: its journal (folded here with main's own code), the busy action and the last error. */
interface ChangeSlice {
  id: string | undefined;
  view: ChangeView | undefined;
  state: ChangeState | undefined;
  legal: Action[];
  monitor: MonitorProgress | undefined;
  busy: string | undefined;
  error: BridgeError | undefined;
  load(id: string): Promise<void>;
  /** Runs a change call that answers a ChangeView; returns false on error (shown by the screen). */
  run<K extends CallName>(
    label: string,
    name: K,
    input: CallInput<K>,
  ): Promise<CallOutput<K> | undefined>;
  clearError(): void;
}

function adopt(view: ChangeView) {
  const state = foldChange(view.entries);
  return {
    view,
    state,
    legal: legalActions(state),
    id: state.id,
    ...(view.monitor ? { monitor: view.monitor } : {}),
  };
}

export const useChange = create<ChangeSlice>((set, get) => ({
  id: undefined,
  view: undefined,
  state: undefined,
  legal: [],
  monitor: undefined,
  busy: undefined,
  error: undefined,
  async load(id) {
    if (get().id !== id)
      set({
        id,
        view: undefined,
        state: undefined,
        legal: [],
        monitor: undefined,
        error: undefined,
      });
    const r = await call('changes.get', { changeId: id });
    if (get().id !== id) return;
    if (r.ok) set(adopt(r.value));
    else set({ error: r.error });
  },
  async run(label, name, input) {
    set({ busy: label, error: undefined });
    const r = await call(name, input);
    set({ busy: undefined });
    if (!r.ok) {
      set({ error: r.error });
      const id = get().id;
      if (id) void get().load(id);
      return undefined;
    }
    const value = r.value as unknown;
    if (value && typeof value === 'object' && 'entries' in value) set(adopt(value as ChangeView));
    return r.value;
  },
  clearError: () => set({ error: undefined }),
}));

// Main appends steps on its own (automatic test, monitor, anomalies): follow them live.
on('changes.changed', (e) => {
  if (e.changeId === useChange.getState().id) void useChange.getState().load(e.changeId);
});
on('changes.monitor', (p) => {
  if (p.changeId === useChange.getState().id) useChange.setState({ monitor: p });
});
