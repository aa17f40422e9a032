import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Folders of the data folder the app writes (Electron's userData also holds Chromium's own). The
 * team workspace (`workspace/`, `workspace.git/`) sweeps its own at open, only where a stopped
 * write can have left one (repository.ts): walking 20,000 files at every start would cost more
 * than the start itself.
 */
export const APP_FOLDERS = [
  'cache',
  'changes',
  'runbooks',
  'snapshots',
  'sandbox',
  'workspace-local',
] as const;

/** Our temp names (`.<file>.<12 hex>.tmp`) and those of conf / electron-store (`<file>.tmp-<16>`). */
const TEMP_NAME = /^(\..+\.[0-9a-f]{12}\.tmp|.+\.tmp-\d{10}[0-9a-f]{6})$/;

export const isStrayTemp = (name: string) => TEMP_NAME.test(basename(name));

/** Removes our temp files directly in `dir` (not below); returns how many. */
export async function sweepTempIn(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  const stray = names.filter(isStrayTemp);
  await Promise.all(stray.map((n) => fs.rm(join(dir, n), { force: true })));
  return stray.length;
}

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
      if (!isStrayTemp(name)) continue;
      await fs.rm(join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
