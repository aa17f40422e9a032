import { logLineTime } from '../../../shared/domain/names';
import type { LogEntry, LogStatus } from '../../../shared/contract/logs';

/**
 * What the view keeps of one entry: flat strings and numbers only, the payload already reduced to
 * a short summary. A parsed LogEntry with its nested payload weighs kilobytes; 100,000 of these
 * must fit in tens of megabytes.
 */
export interface Row {
  /** Position in the view's own sequence (stable key, survives eviction of older rows). */
  seq: number;
  stream: string;
  id: number;
  ts: string;
  event: string;
  status: LogStatus | 'gap';
  http: number;
  attempt: number;
  ms: number;
  code: string;
  message: string;
  reason: string;
  payload: string;
  /** Arrival time (ms), for the live chart. */
  at: number;
}

export const PAYLOAD_SUMMARY_MAX = 240;

/** A short, single-line rendering of the redacted payload summary. */
export function summarize(payload: Record<string, unknown> | undefined): string {
  if (!payload) return '';
  const text = JSON.stringify(payload);
  return text.length > PAYLOAD_SUMMARY_MAX ? `${text.slice(0, PAYLOAD_SUMMARY_MAX - 1)}…` : text;
}

export function toRow(e: LogEntry, stream: string, seq: number, at: number): Row {
  return {
    seq,
    stream,
    id: e.id,
    ts: e.timestamp,
    event: e.mappedEvent && e.mappedEvent !== e.event ? `${e.event} → ${e.mappedEvent}` : e.event,
    status: e.status,
    http: e.httpStatus ?? 0,
    attempt: e.attempt,
    ms: e.durationMs ?? -1,
    code: e.error?.code ?? '',
    message: e.error?.message ?? '',
    reason: e.reason ?? '',
    payload: summarize(e.payload),
    at,
  };
}

/** A visible marker where the tail could not fetch everything. */
export function gapRow(
  g: { afterId: number; beforeId: number; missing: number; exact: boolean },
  stream: string,
  seq: number,
  at: number,
): Row {
  const what = g.exact
    ? `${g.missing} entries not fetched`
    : `at least ${g.missing} entries not fetched`;
  return {
    seq,
    stream,
    id: g.beforeId,
    ts: new Date(at).toISOString(),
    event: '',
    status: 'gap',
    http: 0,
    attempt: 0,
    ms: -1,
    code: 'gap',
    message: `${what} (ids ${g.afterId + 1}–${g.beforeId - 1}): production outpaced polling`,
    reason: '',
    payload: '',
    at,
  };
}

/** HH:MM:SS.mmm of an ISO time, without Date parsing (it runs for every visible row). */
/** Local time to the millisecond, in the app's one time format (UTC on hover, see LogRowView). */
export function clockTime(iso: string): string {
  return logLineTime(iso);
}
