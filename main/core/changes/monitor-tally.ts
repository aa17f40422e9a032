import type { z } from 'zod';
import type { LogEntry } from '../../../shared/contract';
import { addEntries, emptyCounts } from '../../../shared/domain/anomaly/counts';
import type { EventCounts, RateWindow, StatusCounts } from '../../../shared/domain/anomaly/schema';
import { readJson, TallyFile } from '../workspace/files';
import type { DamageWords } from '../workspace/file-guard';
import type { Workspace } from '../workspace/workspace';

/** The monitor's running tally (the workspace file's schema: checked the same wherever it is read). */
const Tally = TallyFile;
export type Tally = z.infer<typeof Tally>;

type TallyFiles = Pick<Workspace, 'guard' | 'commit'>;

/**
 * `sites/<env>/<site>/changes/<id>.monitor.json` in the team workspace; a missing file starts a
 * fresh tally, and so does a damaged one that could not be repaired (reported as `words` say).
 */
export async function loadTally(ws: TallyFiles, file: string, words: DamageWords): Promise<Tally> {
  const saved = readJson(Tally, (await ws.guard.read(file, words)) ?? '');
  return saved
    ? saved
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

/** Saved every poll; pushed with the next sync rather than once per poll. */
export const saveTally = (ws: TallyFiles, file: string, t: Tally) =>
  ws.commit([{ path: file, text: JSON.stringify(t) + '\n' }], `Monitor tally of ${file}`, {
    push: false,
  });

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
