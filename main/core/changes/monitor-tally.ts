import type { z } from 'zod';
import { emptyCounts } from '../../../shared/domain/anomaly/counts';
import type { RateWindow } from '../../../shared/domain/anomaly/schema';
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
