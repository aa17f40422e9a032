import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';

/** Folders of the data folder the app writes (Electron's userData also holds Chromium's own). */
export const APP_FOLDERS = ['cache', 'changes', 'runbooks', 'snapshots', 'sandbox'] as const;

/** Our temp names (`.<file>.<12 hex>.tmp`) and those of conf / electron-store (`<file>.tmp-<16>`). */
const TEMP_NAME = /^(\..+\.[0-9a-f]{12}\.tmp|.+\.tmp-\d{10}[0-9a-f]{6})$/;

/**
 * Removes the temp files of writes that a kill interrupted (the data they held never replaced
 * anything, so nothing is lost). Runs at start, before any store opens: no write is in flight.
 * Returns how many were removed.
 */
export async function sweepStrayTempFiles(dataDir: string): Promise<number> {
  const dirs = [dataDir, ...APP_FOLDERS.map((f) => join(dataDir, f))];
  let removed = 0;
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await fs.readdir(dir, { recursive: dir !== dataDir });
    } catch {
      continue;
    }
    for (const name of names) {
      if (!TEMP_NAME.test(basename(name))) continue;
      await fs.rm(join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
