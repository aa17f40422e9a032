import { fileProblem } from './files';
import {
  diffTrees,
  editTree,
  readText,
  writeText,
  type GitDir,
  type TreeChanges,
} from './git-tree';
import { kindOf } from './layout';
import { mergeFile } from './merge-files';

export interface Quarantined {
  path: string;
  movedTo: string;
  reason: string;
  /** Whether this laptop still has a copy of its own at `path` (the merge kept it). */
  keptOurs: boolean;
}

export interface TreeMerge {
  tree: string;
  notices: string[];
  quarantined: Quarantined[];
}

/**
 * Three-way merge of workspace trees, file by file with the rules of each kind (merge-files.ts).
 * Every file the remote changed is validated first: one that does not parse is moved aside under
 * `quarantine/<stamp>/` in the merged tree (reported, never applied half-read, never lost), and
 * the rest of the merge goes on.
 */
export async function mergeTrees(
  g: GitDir,
  base: string | undefined,
  ours: string | undefined,
  theirs: string | undefined,
  stamp: string,
): Promise<TreeMerge> {
  const [dOurs, dTheirs] = await Promise.all([
    diffTrees(g, base, ours),
    diffTrees(g, base, theirs),
  ]);
  const changes: TreeChanges = new Map();
  const notices: string[] = [];
  const quarantined: Quarantined[] = [];
  const text = (oid: string | null) => (oid ? readText(g, oid) : Promise.resolve(null));
  const aside = (path: string, oid: string, reason: string, keptOurs: boolean) => {
    const movedTo = `quarantine/${stamp}/${path}`;
    changes.set(movedTo, oid);
    quarantined.push({ path, movedTo, reason, keptOurs });
  };

  for (const [path, { a: baseOid, b: theirsOid }] of dTheirs) {
    const kind = kindOf(path);
    const mine = dOurs.get(path);
    const theirsText = await text(theirsOid);
    const problem = theirsText === null ? undefined : fileProblem(kind, theirsText);
    if (problem && theirsOid) {
      aside(path, theirsOid, `${path} ${problem}`, !!(mine ? mine.b : baseOid));
      continue;
    }
    if (!mine) {
      changes.set(path, theirsOid);
      continue;
    }
    if (mine.b === theirsOid) continue;
    const r = mergeFile(kind, await text(baseOid), await text(mine.b), theirsText);
    const oid = r.text === null ? null : await writeText(g, r.text);
    if (oid !== mine.b) changes.set(path, oid);
    if (r.keepTheirsAside && theirsOid)
      aside(
        path,
        theirsOid,
        `${path} differs between two laptops; the remote copy was kept aside`,
        true,
      );
    if (r.notice) notices.push(r.notice);
  }
  return { tree: await editTree(g, ours, changes), notices, quarantined };
}
