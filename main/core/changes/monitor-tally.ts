import { z } from 'zod';
import type { LogEntry } from '../../../shared/contract';
import { addEntries, emptyCounts } from '../../../shared/domain/anomaly/counts';
import {
  Anomaly,
  EventCounts,
  StatusCounts,
  type RateWindow,
} from '../../../shared/domain/anomaly/schema';
import { loadJsonFile, saveJsonFile } from '../fs/json-file';

/** The monitor's running tally, saved after every poll so a restart continues rather than restarts. */
const Tally = z.object({
  schemaVersion: z.literal(1),
  cursor: z.number().int(),
  counts: StatusCounts,
  events: EventCounts,
  notified: z.array(z.string()),
  anomalies: z.array(Anomaly),
  lastError: z.string().optional(),
  /** Polls that reached the logs: a window the API was down for all along was not monitored. */
  okPolls: z.number().int().default(0),
  /** When the logs were last read: a gap starts there, since nothing is known after it. */
  lastOkAt: z.string().optional(),
  /** The gap in progress: since when the logs could not be read, and why (journaled on close). */
  gap: z.object({ from: z.string(), reason: z.string() }).optional(),
  /**
   * Counts per minute (by log time) of the last RECENT_MINUTES: a rise in the middle of a long
   * window shows here at full strength instead of being averaged away by the hours before it.
   */
  recent: z
    .array(z.object({ minute: z.number().int(), counts: StatusCounts, events: EventCounts }))
    .default([]),
  /** The newest delivery seen (a `sent` entry): silence is measured from it. */
  lastSentAt: z.string().optional(),
});
export type Tally = z.infer<typeof Tally>;

/**
 * `<dataDir>/changes/<id>.monitor.json`; a missing file starts a fresh tally, and so does a
 * damaged one, after it was moved aside and `onDamaged` was told.
 */
export async function loadTally(
  file: string,
  onDamaged: (d: { movedTo: string; reason: string }) => void,
): Promise<Tally> {
  const r = await loadJsonFile(file, Tally, { newestVersion: 1 });
  if (r.state === 'quarantined') onDamaged(r);
  return r.state === 'ok'
    ? r.value
    : {
        schemaVersion: 1,
        cursor: -1,
        counts: emptyCounts(),
        events: {},
        notified: [],
        anomalies: [],
        okPolls: 0,
        recent: [],
      };
}

export const saveTally = (file: string, t: Tally) => saveJsonFile(file, t);

export function observedWindow(t: Tally, startedAt: string, now: Date): RateWindow {
  const minutes = Math.max(0, (now.getTime() - Date.parse(startedAt)) / 60_000);
  return { from: startedAt, to: now.toISOString(), minutes, counts: t.counts, events: t.events };
}

/** How far back the recent window looks. */
export const RECENT_MINUTES = 10;

/** Adds a poll's entries to the tally: the running counts, the minute buckets, the last delivery. */
export function countEntries(t: Tally, entries: readonly LogEntry[], now: Date): void {
  addEntries(t.counts, t.events, entries);
  for (const e of entries) {
    const at = Date.parse(e.timestamp);
    if (!Number.isFinite(at)) continue;
    const minute = Math.floor(at / 60_000);
    let bucket = t.recent.find((b) => b.minute === minute);
    if (!bucket) t.recent.push((bucket = { minute, counts: emptyCounts(), events: {} }));
    addEntries(bucket.counts, bucket.events, [e]);
    if (e.status === 'sent' && !e.test && (!t.lastSentAt || e.timestamp > t.lastSentAt))
      t.lastSentAt = e.timestamp;
  }
  const oldest = Math.floor(now.getTime() / 60_000) - RECENT_MINUTES;
  t.recent = t.recent.filter((b) => b.minute >= oldest).sort((a, b) => a.minute - b.minute);
}

/** The last RECENT_MINUTES (or less, early in the window) as one window; undefined while that is the whole window. */
export function recentWindow(t: Tally, startedAt: string, now: Date): RateWindow | undefined {
  const start = Math.max(Date.parse(startedAt), now.getTime() - RECENT_MINUTES * 60_000);
  if (start <= Date.parse(startedAt)) return undefined;
  const counts = emptyCounts();
  const events: EventCounts = {};
  for (const b of t.recent.filter((x) => (x.minute + 1) * 60_000 > start)) {
    for (const k of Object.keys(counts) as (keyof StatusCounts)[]) counts[k] += b.counts[k];
    for (const [event, c] of Object.entries(b.events)) {
      const sum = (events[event] ??= { total: 0, forwarded: 0, filtered: 0, skipped: 0 });
      sum.total += c.total;
      sum.forwarded += c.forwarded;
      sum.filtered += c.filtered;
      sum.skipped += c.skipped;
    }
  }
  const minutes = (now.getTime() - start) / 60_000;
  return { from: new Date(start).toISOString(), to: now.toISOString(), minutes, counts, events };
}
