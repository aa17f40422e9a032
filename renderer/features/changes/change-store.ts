import { useMemo } from 'react';
import { create } from 'zustand';
import type { BridgeError, CallInput, CallName, CallOutput } from '../../../shared/bridge';
import type {
  ChangeDraft,
  ChangeView,
  MonitorProgress,
} from '../../../shared/bridge/calls/changes';
import {
  foldChange,
  legalActions,
  type Action,
  type ChangeState,
} from '../../../shared/domain/workflow';
import { call, on } from '../../bridge';
import { queryKeyOf } from '../../data/keys';
import { queryClient } from '../../data/query-client';
import { useBridgeQuery } from '../../data/use-bridge-query';

/**
 * UI state of the open change screen only (which change, the busy action, the last error, the
 * monitor's live progress). The change itself is the `changes.get` query: main's events invalidate
 * it, and every answer of a change call becomes its cached value at once.
 */
interface ChangeUi {
  id: string | undefined;
  busy: string | undefined;
  error: BridgeError | undefined;
  monitor: MonitorProgress | undefined;
}
const useChangeUi = create<ChangeUi>(() => ({
  id: undefined,
  busy: undefined,
  error: undefined,
  monitor: undefined,
}));

const viewKey = (changeId: string) => queryKeyOf('changes.get', { changeId });

/** A draft the operator saved becomes the cached one at once: coming back never shows an older one. */
export function adoptSavedDraft(changeId: string, draft: ChangeDraft): void {
  queryClient.setQueryData<ChangeView>(viewKey(changeId), (view) => {
    if (!view) return view;
    if (view.draft && view.draft.savedAt > draft.savedAt) return view; // never go back in time
    return { ...view, draft };
  });
}

/** Runs a change call; an answer that is a ChangeView becomes the cached view. */
async function run<K extends CallName>(
  label: string,
  name: K,
  input: CallInput<K>,
): Promise<CallOutput<K> | undefined> {
  useChangeUi.setState({ busy: label, error: undefined });
  const r = await call(name, input);
  useChangeUi.setState({ busy: undefined });
  const id = useChangeUi.getState().id;
  if (!r.ok) {
    useChangeUi.setState({ error: r.error });
    if (id) void queryClient.invalidateQueries({ queryKey: viewKey(id) });
    return undefined;
  }
  const value = r.value as unknown;
  if (id && value && typeof value === 'object' && 'entries' in value) {
    queryClient.setQueryData(viewKey(id), value);
    void queryClient.invalidateQueries({ queryKey: ['changes.list'] });
  }
  return r.value;
}

export interface ChangeSlice {
  id: string | undefined;
  view: ChangeView | undefined;
  state: ChangeState | undefined;
  legal: Action[];
  monitor: MonitorProgress | undefined;
  busy: string | undefined;
  error: BridgeError | undefined;
  /** True while the view shown may predate the latest answer (a refetch is in flight). */
  fetching: boolean;
  open(id: string): void;
  reload(): void;
  run: typeof run;
  clearError(): void;
}

/** The open change, folded with main's own code, plus its UI state. */
export function useChange(): ChangeSlice;
export function useChange<T>(select: (x: ChangeSlice) => T): T;
export function useChange<T>(select?: (x: ChangeSlice) => T): T | ChangeSlice {
  const ui = useChangeUi();
  const q = useBridgeQuery('changes.get', ui.id ? { changeId: ui.id } : undefined);
  const folded = useMemo(() => {
    if (!q.data) return undefined;
    const state = foldChange(q.data.entries);
    return { state, legal: legalActions(state) };
  }, [q.data]);
  const slice: ChangeSlice = {
    id: ui.id,
    view: q.data,
    state: folded?.state,
    legal: folded?.legal ?? [],
    monitor: ui.monitor ?? q.data?.monitor,
    busy: ui.busy,
    error: ui.error ?? q.error,
    fetching: q.fetching,
    open: (id) => {
      if (useChangeUi.getState().id !== id)
        useChangeUi.setState({ id, busy: undefined, error: undefined, monitor: undefined });
    },
    reload: q.refetch,
    run,
    clearError: () => useChangeUi.setState({ error: undefined }),
  };
  return select ? select(slice) : slice;
}

// The monitor's progress is pushed, not polled.
on('changes.monitor', (p) => {
  if (p.changeId === useChangeUi.getState().id) useChangeUi.setState({ monitor: p });
});
