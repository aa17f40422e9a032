import { z } from 'zod';
import { emptyCounts } from '../../../shared/domain/anomaly/counts';
import {
  Anomaly,
  EventCounts,
  StatusCounts,
  type RateWindow,
} from '../../../shared/domain/anomaly/schema';
import { readJson } from '../workspace/files';
import type { Workspace } from '../workspace/workspace';

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

type TallyFiles = Pick<Workspace, 'read' | 'commit'>;

/** `sites/<env>/<site>/changes/<id>.monitor.json` in the team workspace; missing or damaged: fresh. */
export async function loadTally(ws: TallyFiles, file: string): Promise<Tally> {
  const saved = readJson(Tally, (await ws.read(file)) ?? '');
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
