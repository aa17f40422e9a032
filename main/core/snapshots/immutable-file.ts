import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { syncDir, writeTempBeside } from '../../base/atomic-file';

/**
 * Create a file that must never be overwritten: temp file + fsync, then `link` (which fails if the
 * name exists, unlike `rename`), then drop the temp name. A kill at any instant leaves either no
 * file or the complete file, plus at most a dot-temp that readers ignore.
 */
export async function createImmutable(path: string, text: string): Promise<'created' | 'exists'> {
  const dir = dirname(path);
  const tmp = await writeTempBeside(path, text);
  try {
    await fs.link(tmp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      await fs.rm(tmp, { force: true });
      return 'exists';
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') {
      await fs.rm(tmp, { force: true });
      throw error;
    }
    // File systems without hard links: check then rename (the per-target lock makes this safe in-process).
    try {
      await fs.access(path);
      await fs.rm(tmp, { force: true });
      return 'exists';
    } catch {
      await fs.rename(tmp, path);
      await syncDir(dir);
      return 'created';
    }
  }
  await fs.rm(tmp, { force: true });
  await syncDir(dir);
  return 'created';
}

/** Leftover temp files of a write that was killed; safe to delete when no write is in flight. */
export async function removeTempFiles(dir: string, names: readonly string[]): Promise<void> {
  await Promise.all(
    names
      .filter((n) => n.startsWith('.') && n.endsWith('.tmp'))
      .map((n) => fs.rm(join(dir, n), { force: true })),
  );
}
