import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { syncDir, writeFileAtomic } from '../../base/atomic-file';

/**
 * The workspace folder: the files of the current commit, which the stores read. Writes go to a
 * temp file and are renamed into place, so a reader never sees half a file; `durable` adds the
 * fsyncs (the journal must survive a power cut before an apply is sent).
 */
export class WorkspaceFolder {
  constructor(readonly dir: string) {}

  abs(path: string): string {
    return join(this.dir, ...path.split('/'));
  }

  async read(path: string): Promise<string | undefined> {
    try {
      return await fs.readFile(this.abs(path), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async list(path: string): Promise<string[]> {
    try {
      return (await fs.readdir(this.abs(path))).filter((n) => !n.startsWith('.'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw error;
    }
  }

  async write(path: string, text: string | null, durable = false): Promise<void> {
    const abs = this.abs(path);
    if (text === null) {
      await fs.rm(abs, { force: true });
      return;
    }
    await replaceFile(abs, text, durable);
  }

  sync(path: string): Promise<void> {
    return syncDir(dirname(this.abs(path)));
  }
}

/**
 * Temp file beside, then rename: a reader or a kill never sees half a file. `durable` adds the
 * fsyncs a power cut needs; without it the rename is still all or nothing for a killed process.
 */
export async function replaceFile(abs: string, text: string, durable = false): Promise<void> {
  if (durable) return writeFileAtomic(abs, text, 0o600);
  await fs.mkdir(dirname(abs), { recursive: true, mode: 0o700 });
  const tmp = join(dirname(abs), `.${basename(abs)}.${randomBytes(6).toString('hex')}.tmp`);
  await fs.writeFile(tmp, text, { mode: 0o600 });
  await fs.rename(tmp, abs);
}
