import { z } from 'zod';
import { LogEntry } from '../../contract';
import { call, type CallSpec } from '../define';
import { BridgeError } from '../errors';
import { LocalId, SiteId } from '../ids';
import { RateLimitInfo } from './api';
import { TailStream } from './tail';

/** Chosen by the renderer so it can match progress events and cancel before the answer comes. */
export const TraceId = z.string().regex(/^trace_[A-Za-z0-9]{1,32}$/);

/** What to trace: one event id, or text found in an entry (an order id in the payload summary). */
export const TraceQuery = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('eventId'), eventId: z.string().trim().min(1).max(200) }),
  z.object({
    kind: z.literal('text'),
    text: z.string().trim().min(3, 'at least 3 characters').max(200),
  }),
]);
export type TraceQuery = z.infer<typeof TraceQuery>;

export const TRACE_WINDOW_DEFAULT_MIN = 15;
export const TRACE_WINDOW_MAX_MIN = 24 * 60;
export const TRACE_BUDGET_DEFAULT = 120;
export const TRACE_BUDGET_MAX = 500;

export const TraceRun = z.object({
  connectionId: LocalId,
  siteId: SiteId,
  traceId: TraceId,
  query: TraceQuery,
  /** How far back each stream is paged, in minutes (the retained buffers are searched whole). */
  windowMinutes: z
    .number()
    .int()
    .min(1)
    .max(TRACE_WINDOW_MAX_MIN)
    .default(TRACE_WINDOW_DEFAULT_MIN),
  /** Most log-page requests this trace may make, over all streams. */
  budget: z.number().int().min(1).max(TRACE_BUDGET_MAX).default(TRACE_BUDGET_DEFAULT),
});
export type TraceRun = z.input<typeof TraceRun>;

/**
 * Why the search of one stream ended. `bound`: the time bound; `event_start`: the entry where the
 * event entered this destination was found (nothing older can belong to it); `ring_end`: the server
 * keeps nothing older; the others leave older entries not searched.
 */
export const SearchStop = z.enum([
  'bound',
  'event_start',
  'ring_end',
  'budget',
  'rate_limit',
  'cancelled',
  'error',
]);
export type SearchStop = z.infer<typeof SearchStop>;

/** What was searched in one stream, and what was not reached. */
export const StreamSearched = z.object({
  /** `p:ga4`, `w:<webhookId>`: one key per stream, as in the log views. */
  key: z.string(),
  stream: TailStream,
  /** The webhook's name (providers are named by their key). */
  name: z.string().optional(),
  /** enabled / test mode / subscriptions, as listed when the trace started. */
  enabled: z.boolean(),
  testMode: z.boolean().optional(),
  subscribedEvents: z.array(z.string()).optional(),
  retainedEntries: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  apiEntries: z.number().int().nonnegative(),
  /** Oldest and newest timestamps covered (buffer and pages together). */
  from: z.string().optional(),
  to: z.string().optional(),
  stop: SearchStop,
  /** Entries older than this were not searched (the bound, or where the search had to stop). */
  notReachedBefore: z.string().optional(),
  error: BridgeError.optional(),
});
export type StreamSearched = z.infer<typeof StreamSearched>;

export const TraceFate = z.enum([
  'sent',
  'failed',
  'retrying',
  'filtered',
  'skipped',
  'test_mode',
  'not_found',
]);
export type TraceFate = z.infer<typeof TraceFate>;

/** The event at one destination: its fate, in words, and its log lines (oldest first). */
export const TraceDestination = z.object({
  key: z.string(),
  fate: TraceFate,
  detail: z.string(),
  lines: z.array(LogEntry).max(100),
});
export type TraceDestination = z.infer<typeof TraceDestination>;

export const TracedEvent = z.object({
  eventId: z.string(),
  /** Canonical name, when a line says it. */
  event: z.string().optional(),
  firstAt: z.string().optional(),
  destinations: z.array(TraceDestination),
});
export type TracedEvent = z.infer<typeof TracedEvent>;

export const TRACE_MAX_EVENTS = 10;

export const TraceResult = z.object({
  traceId: TraceId,
  query: TraceQuery,
  windowMinutes: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** complete: every stream ended at its bound, its event start or its ring's end. */
  state: z.enum(['complete', 'partial', 'cancelled']),
  requests: z.number().int().nonnegative(),
  budget: z.number().int().positive(),
  rateLimit: RateLimitInfo.optional(),
  streams: z.array(StreamSearched),
  events: z.array(TracedEvent).max(TRACE_MAX_EVENTS),
  /** Further events the text matched beyond the ones traced. */
  moreEvents: z.number().int().nonnegative(),
  /**
   * By text over very many lines, not every line without the text could be kept: a destination
   * may show "not found" for a line that lacked the text. Tracing the event id answers in full.
   */
  linesCapped: z.boolean().optional(),
});
export type TraceResult = z.infer<typeof TraceResult>;

export const TraceProgress = z.object({
  traceId: TraceId,
  requests: z.number().int().nonnegative(),
  budget: z.number().int().positive(),
  matches: z.number().int().nonnegative(),
  streams: z.array(
    z.object({
      key: z.string(),
      stream: TailStream,
      name: z.string().optional(),
      pages: z.number().int().nonnegative(),
      from: z.string().optional(),
      stop: SearchStop.optional(),
    }),
  ),
});
export type TraceProgress = z.infer<typeof TraceProgress>;

export const traceCalls = {
  'trace.run': call(TraceRun, TraceResult),
  /** Stops a running trace; its `trace.run` then answers with what was found so far. */
  'trace.cancel': call(z.object({ traceId: TraceId }), z.object({ cancelled: z.boolean() })),
} satisfies Record<string, CallSpec>;

export const traceEvents = {
  'trace.progress': TraceProgress,
} satisfies Record<string, z.ZodType>;
