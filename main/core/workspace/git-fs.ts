import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { PromiseFsClient } from 'isomorphic-git';

/** Where isomorphic-git's writes are staged before their rename (swept at every open). */
export const GIT_TEMP_DIR = 'ops-tmp';

/**
 * Node's fs for isomorphic-git, with every write staged in `<gitdir>/ops-tmp/` and renamed into
 * place. isomorphic-git writes objects and refs in place and never rewrites an object file that
 * exists, so a kill in the middle of a plain write would leave a truncated object for good (and a
 * truncated ref would lose the branch). A rename is all or nothing.
 */
export function atomicGitFs(gitdir: string): { promises: PromiseFsClient['promises'] } {
  const tmpDir = join(gitdir, GIT_TEMP_DIR);
  const writeFile = async (
    path: string,
    data: string | Uint8Array,
    options?: Parameters<typeof fs.writeFile>[2],
  ): Promise<void> => {
    const tmp = join(tmpDir, `.git-write.${randomBytes(6).toString('hex')}.tmp`);
    await fs.mkdir(tmpDir, { recursive: true });
    await fs.writeFile(tmp, data, options);
    try {
      await fs.rename(tmp, path);
    } catch (error) {
      // The target's folder may not exist yet: isomorphic-git creates it and writes again.
      await fs.rm(tmp, { force: true });
      throw error;
    }
  };
  const promises: PromiseFsClient['promises'] = { ...fs, writeFile };
  return { promises };
}
