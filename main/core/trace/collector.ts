import { TRACE_MAX_EVENTS } from '../../../shared/bridge/calls/trace';
import type { TraceQuery } from '../../../shared/bridge/calls/trace';
import type { LogEntry } from '../../../shared/contract/logs';
import { entryMatcher } from '../../../shared/domain/trace';

/** Lines kept per event and destination in a result (a retry storm would not fit a ticket). */
export const MAX_LINES = 100;
/**
 * By text, lines that do not contain the text are kept (their event may match elsewhere) up to
 * this many: a bound on the memory of one search. Beyond it `capped` says lines may be missing.
 */
export const MAX_UNMATCHED = 100_000;

/**
 * What a trace keeps of the entries it sees. By event id: that event's lines only. By text: the
 * events whose lines match, plus every line of any event seen (a filtered or skipped line has no
 * order id; it is found by the event id another line carries), keyed by event id until the end.
 */
export class Collector {
  private readonly match: (e: LogEntry) => boolean;
  /** Matched event ids, newest match first. */
  private readonly matched: string[] = [];
  private readonly matchedSet = new Set<string>();
  private readonly byEvent = new Map<string, Map<string, LogEntry[]>>();
  /** Earliest timestamp (ms) of a line where the event entered a destination (attempt 0 or 1). */
  private startMs: number | undefined;
  /** Streams that have seen where the traced event entered them. */
  private readonly startedIn = new Set<string>();
  private unmatched = 0;
  /** Some lines without the text were not kept (MAX_UNMATCHED reached). */
  capped = false;

  constructor(private readonly query: TraceQuery) {
    this.match = entryMatcher(query);
  }

  visit(streamKey: string, entries: LogEntry[]): void {
    const byId = this.query.kind === 'eventId';
    for (const e of entries) {
      const hit = this.match(e);
      if (hit && !this.matchedSet.has(e.eventId)) {
        this.matchedSet.add(e.eventId);
        this.matched.push(e.eventId);
      }
      if (!hit && byId) continue;
      if (!hit && ++this.unmatched > MAX_UNMATCHED) {
        this.capped = true;
        continue;
      }
      let streams = this.byEvent.get(e.eventId);
      if (!streams) this.byEvent.set(e.eventId, (streams = new Map<string, LogEntry[]>()));
      let lines = streams.get(streamKey);
      if (!lines) streams.set(streamKey, (lines = []));
      lines.push(e);
      if (byId && e.attempt <= 1) {
        this.startedIn.add(streamKey);
        const t = Date.parse(e.timestamp);
        if (!Number.isNaN(t) && (this.startMs === undefined || t < this.startMs)) this.startMs = t;
      }
    }
  }

  get matches(): number {
    return this.matched.length;
  }

  /** By event id: when the event first entered a destination (the earliest it can have been). */
  get eventStartMs(): number | undefined {
    return this.startMs;
  }

  hasStart(streamKey: string): boolean {
    return this.startedIn.has(streamKey);
  }

  /** The traced events (at most TRACE_MAX_EVENTS) with their lines per stream, oldest first. */
  events(): { eventId: string; lines: Map<string, LogEntry[]> }[] {
    return this.matched.slice(0, TRACE_MAX_EVENTS).map((eventId) => {
      const lines = new Map<string, LogEntry[]>();
      for (const [key, list] of this.byEvent.get(eventId) ?? []) {
        const sorted = list.slice().sort((a, b) => a.id - b.id);
        lines.set(key, sorted.slice(-MAX_LINES));
      }
      return { eventId, lines };
    });
  }

  get moreEvents(): number {
    return Math.max(0, this.matched.length - TRACE_MAX_EVENTS);
  }
}
