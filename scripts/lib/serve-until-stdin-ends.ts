import { rm } from 'node:fs/promises';

/**
 * A benchmark's server process: runs until its parent closes stdin (or sends SIGTERM), then closes
 * the sandbox and removes its data folder.
 */
export function serveUntilStdinEnds(close: () => Promise<void>, dataDir: string): void {
  const stop = () =>
    void close()
      .then(() => rm(dataDir, { recursive: true, force: true }))
      .then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}
