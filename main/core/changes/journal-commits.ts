import git from 'isomorphic-git';
import type { Workspace } from '../workspace/workspace';

const cache = new Map<string, { head: string; commits: Record<string, string> }>();
const LINE = /^Journal [A-Za-z0-9_-]+ #(\d+):/;

/**
 * Which commit recorded each line of a journal: every append is its own commit named
 * "Journal <id> #<seq>: <type>", found in the history of the file (cached per HEAD).
 */
export async function journalCommits(
  ws: Pick<Workspace, 'repo'>,
  path: string,
): Promise<Record<string, string>> {
  const head = await ws.repo.head();
  if (!head) return {};
  const hit = cache.get(path);
  if (hit?.head === head) return hit.commits;
  const commits: Record<string, string> = {};
  try {
    const log = await git.log({ ...ws.repo.g, ref: head, filepath: path, depth: 400 });
    for (const c of log) {
      const m = LINE.exec(c.commit.message);
      if (m && !commits[m[1]!]) commits[m[1]!] = c.oid;
    }
  } catch {
    /* a history that cannot be walked only means no links */
  }
  cache.set(path, { head, commits });
  if (cache.size > 200) cache.delete(cache.keys().next().value!);
  return commits;
}
