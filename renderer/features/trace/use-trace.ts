import { skipToken, useMutation, useMutationState, useQuery } from '@tanstack/react-query';
import type { BridgeError } from '../../../shared/bridge';
import type { TraceProgress, TraceQuery, TraceResult } from '../../../shared/bridge/calls/trace';
import { BridgeFailure, call, on } from '../../bridge';
import type { Target } from '../../app/target';
import { queryClient } from '../../data/query-client';

export interface TraceRequest {
  query: TraceQuery;
  windowMinutes: number;
  budget: number;
}

type Site = { connectionId: string; siteId: string };
type RunInput = Site & TraceRequest & { traceId: string };

/** A trace is a search with an end, not a read to refresh: a mutation keyed by its site. */
const runKey = (site: Site | undefined) => ['trace.run', site ?? null];
const progressKey = (traceId: string | undefined) => ['trace.progress', traceId ?? null];

// Progress lands in the one cache under its trace's id, whichever screen is showing (or none).
on('trace.progress', (p) => queryClient.setQueryData(progressKey(p.traceId), p));

let seq = 0;
const newTraceId = () =>
  `trace_${Date.now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

export interface TraceState {
  /** The trace now running on this site, if any. */
  running: TraceRequest | undefined;
  progress: TraceProgress | undefined;
  /** The last finished trace of this site and the request it answers (the form may differ). */
  result: TraceResult | undefined;
  answered: TraceRequest | undefined;
  error: BridgeError | undefined;
  run(request: TraceRequest): void;
  cancel(): void;
}

const requestOf = (v: RunInput): TraceRequest => ({
  query: v.query,
  windowMinutes: v.windowMinutes,
  budget: v.budget,
});

/**
 * The trace of the selected site. Runs live in the mutation cache, keyed by site, so a long search
 * keeps going while the operator looks elsewhere, its answer is there on coming back, and another
 * site's answer can never be shown under this site's name. Starting a trace cancels the one still
 * running; only the newest run is shown.
 */
export function useTrace(target: Target | undefined): TraceState {
  const site = target && { connectionId: target.connectionId, siteId: target.siteId };
  const mutation = useMutation({
    mutationKey: runKey(site),
    gcTime: 60 * 60_000,
    mutationFn: async (input: RunInput) => {
      const r = await call('trace.run', input);
      if (!r.ok) throw new BridgeFailure(r.error);
      return r.value;
    },
    // Only the newest answer of a site is shown: older finished runs (each may hold thousands of
    // log lines) leave the cache instead of waiting out their gcTime.
    onSettled: () => {
      const cache = queryClient.getMutationCache();
      const runs = cache.findAll({ mutationKey: runKey(site), exact: true });
      const done = runs.filter((m) => m.state.status === 'success');
      for (const m of done.slice(0, -1)) cache.remove(m);
      for (const m of runs) if (m.state.status === 'error' && m !== runs.at(-1)) cache.remove(m);
    },
  });
  const runs = useMutationState({
    filters: { mutationKey: runKey(site), exact: true },
    select: (m) => ({
      input: m.state.variables as RunInput,
      status: m.state.status,
      data: m.state.data as TraceResult | undefined,
      error: m.state.error,
    }),
  });
  const last = runs.at(-1);
  const lastDone = runs.findLast((r) => r.status === 'success');
  const pending = last?.status === 'pending' ? last.input : undefined;
  const progress = useQuery<TraceProgress>({
    queryKey: progressKey(pending?.traceId),
    queryFn: skipToken,
  }).data;
  const failure = last?.status === 'error' ? last.error : undefined;
  return {
    running: pending && requestOf(pending),
    progress: pending ? progress : undefined,
    result: lastDone?.data,
    answered: lastDone && requestOf(lastDone.input),
    error: !failure
      ? undefined
      : failure instanceof BridgeFailure
        ? failure.error
        : { kind: 'internal', message: failure.message },
    run(request) {
      if (!site) return;
      if (pending) void call('trace.cancel', { traceId: pending.traceId });
      mutation.mutate({ ...site, ...request, traceId: newTraceId() });
    },
    cancel() {
      if (pending) void call('trace.cancel', { traceId: pending.traceId });
    },
  };
}
