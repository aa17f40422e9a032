import { z } from 'zod';
import { emptyCounts } from '../../../shared/domain/anomaly/counts';
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
      };
}

export const saveTally = (file: string, t: Tally) => saveJsonFile(file, t);

export function observedWindow(t: Tally, startedAt: string, now: Date): RateWindow {
  const minutes = Math.max(0, (now.getTime() - Date.parse(startedAt)) / 60_000);
  return { from: startedAt, to: now.toISOString(), minutes, counts: t.counts, events: t.events };
}
