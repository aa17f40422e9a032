import { randomBytes } from 'node:crypto';
import { OpsFailure, type CallContext, type Emit, type HandlersOf } from '../../../shared/bridge';
import type { tailHistoryCalls } from '../../../shared/bridge/calls/tail-history';
import type { traceCalls } from '../../../shared/bridge/calls/trace';
import type { ApiService } from '../api';
import type { Feature } from '../feature';
import { apiSource } from '../tail/source';
import { runTrace } from './engine';
import { listDestinations } from './destinations';
import { loadHistory } from './history';
import { retainedKey } from './keys';
import type { RetainedLogs } from './retained';

export type TraceHandlers = HandlersOf<typeof traceCalls & typeof tailHistoryCalls, CallContext>;

/** Searches that may run at once: each one spends part of the operator's API quota. */
const MAX_RUNNING = 3;

/**
 * Event trace (issue 18): where did one event go, across every provider and webhook of a site.
 * Also pages a stream back for "jump to the last N minutes" in a live view (the same search).
 */
export function createTraceFeature(
  deps: { emit: Emit; api: ApiService },
  retained: RetainedLogs,
  now: () => number = Date.now,
): Feature<TraceHandlers> {
  const running = new Map<string, AbortController>();

  return {
    handlers: {
      'trace.run': async (i, ctx) => {
        if (running.has(i.traceId))
          throw new OpsFailure({ kind: 'conflict', message: 'This trace is already running.' });
        if (running.size >= MAX_RUNNING)
          throw new OpsFailure({
            kind: 'rate_limited',
            message: `${MAX_RUNNING} traces are already running; cancel one or wait for it.`,
          });
        const controller = new AbortController();
        running.set(i.traceId, controller);
        try {
          const target = { connectionId: i.connectionId, siteId: i.siteId };
          const destinations = await listDestinations(deps.api, target);
          return await runTrace({
            traceId: i.traceId,
            query: i.query,
            windowMinutes: i.windowMinutes,
            budget: i.budget,
            now,
            signal: controller.signal,
            // Progress goes to the window or tab that asked, not to every client.
            progress: (p) => deps.emit('trace.progress', p, ctx.client),
            streams: destinations.map((d) => ({
              ...d,
              pager: apiSource(deps.api, { ...target, stream: d.stream }),
              retained: retained.snapshot(retainedKey({ ...target, stream: d.stream })),
            })),
          });
        } finally {
          running.delete(i.traceId);
        }
      },
      'trace.cancel': (i) => {
        const c = running.get(i.traceId);
        c?.abort();
        return Promise.resolve({ cancelled: c !== undefined });
      },
      'tail.history': (i) =>
        loadHistory({
          pager: apiSource(deps.api, i),
          retained: retained.snapshot(retainedKey(i)),
          beforeId: i.beforeId,
          sinceMs: Date.parse(i.since),
          maxPages: i.maxPages,
          now,
          requestPrefix: `hist_${randomBytes(6).toString('hex')}`,
        }),
    },
    close() {
      for (const c of running.values()) c.abort();
      return Promise.resolve();
    },
  };
}

export { RetainedLogs, DEFAULT_RETAINED } from './retained';
export { retainedKey } from './keys';
