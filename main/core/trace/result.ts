import type { StreamSearched, TracedEvent } from '../../../shared/bridge/calls/trace';
import { fateOf } from '../../../shared/domain/trace';
import type { Collector } from './collector';
import type { TraceStream } from './engine';
import type { PageBackResult } from './page-back';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** What was searched in one stream, as the answer states it. */
export function searched(s: TraceStream, r: PageBackResult, started: number): StreamSearched {
  const from = iso(r.oldestMs);
  const to = iso(r.newestMs);
  const before = notReached(r, started);
  return {
    key: s.key,
    stream: s.stream,
    ...(s.name !== undefined ? { name: s.name } : {}),
    enabled: s.enabled,
    ...(s.testMode !== undefined ? { testMode: s.testMode } : {}),
    ...(s.subscribedEvents ? { subscribedEvents: s.subscribedEvents } : {}),
    retainedEntries: s.retained.length,
    pages: r.pages,
    apiEntries: r.apiEntries,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    stop: r.stop,
    ...(before ? { notReachedBefore: before } : {}),
    ...(r.error ? { error: r.error } : {}),
  };
}

/**
 * The time before which this stream was not searched: the time bound, or where the budget, the
 * rate limit, a cancel or an error stopped it. None when the API has nothing older, or when the
 * event's arrival was reached (nothing older can belong to it).
 */
function notReached(r: PageBackResult, started: number): string | undefined {
  if (r.stop === 'ring_end' || r.stop === 'event_start') return undefined;
  if (r.stop === 'bound') return iso(r.boundMs);
  return iso(r.oldestMs ?? started);
}

export function tracedEvents(
  collector: Collector,
  sources: TraceStream[],
  searched: StreamSearched[],
): TracedEvent[] {
  const events = collector.events().map(({ eventId, lines }) => {
    const all = [...lines.values()].flat();
    const times = all.map((e) => Date.parse(e.timestamp)).filter((t) => !Number.isNaN(t));
    const event = all.find((e) => e.event)?.event;
    const destinations = sources.map((s, i) => {
      const own = lines.get(s.key) ?? [];
      const { fate, detail } = fateOf(own, {
        kind: s.stream.kind,
        enabled: s.enabled,
        testMode: s.testMode,
        subscribedEvents: s.subscribedEvents,
        event,
        stop: searched[i]!.stop,
      });
      return { key: s.key, fate, detail, lines: own };
    });
    const firstAt = times.length > 0 ? new Date(Math.min(...times)).toISOString() : undefined;
    const lastMs = times.length > 0 ? Math.max(...times) : 0;
    return {
      lastMs,
      traced: {
        eventId,
        ...(event ? { event } : {}),
        ...(firstAt ? { firstAt } : {}),
        destinations,
      },
    };
  });
  return events.sort((a, b) => b.lastMs - a.lastMs).map((e) => e.traced);
}
