import { create } from 'zustand';
import type { BridgeError } from '../../../shared/bridge';
import type { TraceProgress, TraceQuery, TraceResult } from '../../../shared/bridge/calls/trace';
import { call, on } from '../../bridge';
import type { Target } from '../../app/target';

export interface TraceRequest {
  target: Target;
  query: TraceQuery;
  windowMinutes: number;
  budget: number;
}

interface TraceState {
  running: { traceId: string; request: TraceRequest } | undefined;
  progress: TraceProgress | undefined;
  result: TraceResult | undefined;
  /** The request the result answers (the form may have changed since). */
  answered: TraceRequest | undefined;
  error: BridgeError | undefined;
  run(request: TraceRequest): Promise<void>;
  cancel(): void;
}

let seq = 0;
const newTraceId = () =>
  `trace_${Date.now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/**
 * The trace in progress and the last answer, kept across screens: an operator can look elsewhere
 * while a long search runs and come back to it. Progress events of other traces are ignored.
 */
export const useTrace = create<TraceState>((set, get) => {
  on('trace.progress', (p) => {
    if (p.traceId === get().running?.traceId) set({ progress: p });
  });
  return {
    running: undefined,
    progress: undefined,
    result: undefined,
    answered: undefined,
    error: undefined,
    async run(request) {
      const prev = get().running;
      if (prev) void call('trace.cancel', { traceId: prev.traceId });
      const traceId = newTraceId();
      set({ running: { traceId, request }, progress: undefined, error: undefined });
      const r = await call('trace.run', {
        ...request.target,
        traceId,
        query: request.query,
        windowMinutes: request.windowMinutes,
        budget: request.budget,
      });
      if (get().running?.traceId !== traceId) return;
      set(
        r.ok
          ? { running: undefined, result: r.value, answered: request, error: undefined }
          : { running: undefined, error: r.error },
      );
    },
    cancel() {
      const cur = get().running;
      if (cur) void call('trace.cancel', { traceId: cur.traceId });
    },
  };
});
