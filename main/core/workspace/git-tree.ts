import git, { type PromiseFsClient, type TreeEntry } from 'isomorphic-git';
import { atomicGitFs } from './git-fs';

/** A repository handle: isomorphic-git's fs, the git folder and its object cache (pack indexes). */
export interface GitDir {
  fs: PromiseFsClient;
  gitdir: string;
  cache: object;
}

export function gitDir(gitdir: string): GitDir {
  return { fs: atomicGitFs(gitdir), gitdir, cache: {} };
}

/** path -> blob oid, or null to delete. */
export type TreeChanges = Map<string, string | null>;

export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

async function entriesOf(g: GitDir, oid: string | undefined): Promise<TreeEntry[]> {
  if (!oid || oid === EMPTY_TREE) return [];
  return (await git.readTree({ ...g, oid })).tree;
}

// git orders tree entries by name, comparing a folder as if it ended with "/".
const sortKey = (e: TreeEntry) => (e.type === 'tree' ? `${e.path}/` : e.path);
const byGitOrder = (a: TreeEntry, b: TreeEntry) =>
  sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0;

/**
 * A new tree: `base` with `changes` applied. Only the folders on the changed paths are read and
 * rewritten, so a commit costs the depth of its paths, not the size of the workspace (committing
 * through a git index would rewrite every folder of a 20,000-file tree).
 */
export async function editTree(
  g: GitDir,
  base: string | undefined,
  changes: TreeChanges,
): Promise<string> {
  const here = new Map<string, string | null>();
  const below = new Map<string, TreeChanges>();
  for (const [path, oid] of changes) {
    const i = path.indexOf('/');
    if (i < 0) here.set(path, oid);
    else {
      const dir = path.slice(0, i);
      let sub = below.get(dir);
      if (!sub) below.set(dir, (sub = new Map<string, string | null>()));
      sub.set(path.slice(i + 1), oid);
    }
  }
  const entries = new Map((await entriesOf(g, base)).map((e) => [e.path, e]));
  for (const [name, oid] of here) {
    if (oid === null) entries.delete(name);
    else entries.set(name, { mode: '100644', path: name, oid, type: 'blob' });
  }
  for (const [name, sub] of below) {
    const existing = entries.get(name);
    const subtree = await editTree(g, existing?.type === 'tree' ? existing.oid : undefined, sub);
    if (subtree === EMPTY_TREE) entries.delete(name);
    else entries.set(name, { mode: '040000', path: name, oid: subtree, type: 'tree' });
  }
  if (entries.size === 0) return EMPTY_TREE;
  return git.writeTree({ ...g, tree: [...entries.values()].sort(byGitOrder) });
}

/** Blob-level differences between two trees; identical subtrees are skipped by oid. */
export async function diffTrees(
  g: GitDir,
  a: string | undefined,
  b: string | undefined,
  prefix = '',
  out = new Map<string, { a: string | null; b: string | null }>(),
): Promise<Map<string, { a: string | null; b: string | null }>> {
  if (a === b) return out;
  const ea = new Map((await entriesOf(g, a)).map((e) => [e.path, e]));
  const eb = new Map((await entriesOf(g, b)).map((e) => [e.path, e]));
  for (const name of new Set([...ea.keys(), ...eb.keys()])) {
    const x = ea.get(name);
    const y = eb.get(name);
    if (x?.oid === y?.oid && x?.type === y?.type) continue;
    const path = prefix + name;
    const xTree = x?.type === 'tree' ? x.oid : undefined;
    const yTree = y?.type === 'tree' ? y.oid : undefined;
    if (xTree || yTree) await diffTrees(g, xTree, yTree, `${path}/`, out);
    const xBlob = x && x.type === 'blob' ? x.oid : null;
    const yBlob = y && y.type === 'blob' ? y.oid : null;
    if (xBlob !== yBlob) out.set(path, { a: xBlob, b: yBlob });
  }
  return out;
}

/** Every blob under a tree (a first checkout). */
export async function listBlobs(
  g: GitDir,
  tree: string | undefined,
  prefix = '',
  out = new Map<string, string>(),
): Promise<Map<string, string>> {
  for (const e of await entriesOf(g, tree)) {
    if (e.type === 'tree') await listBlobs(g, e.oid, `${prefix}${e.path}/`, out);
    else if (e.type === 'blob') out.set(prefix + e.path, e.oid);
  }
  return out;
}

/** The blob at `path` in a tree, or undefined. */
export async function blobAt(
  g: GitDir,
  tree: string | undefined,
  path: string,
): Promise<string | undefined> {
  let oid = tree;
  const parts = path.split('/');
  for (let i = 0; i < parts.length; i++) {
    const e = (await entriesOf(g, oid)).find((x) => x.path === parts[i]);
    if (!e) return undefined;
    if (i === parts.length - 1) return e.type === 'blob' ? e.oid : undefined;
    if (e.type !== 'tree') return undefined;
    oid = e.oid;
  }
  return undefined;
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: false });

export function writeText(g: GitDir, text: string): Promise<string> {
  return git.writeBlob({ ...g, blob: enc.encode(text) });
}

export async function readText(g: GitDir, oid: string): Promise<string> {
  const { blob } = await git.readBlob({ ...g, oid });
  return dec.decode(blob);
}

export async function treeOf(g: GitDir, commit: string | undefined): Promise<string | undefined> {
  if (!commit) return undefined;
  return (await git.readCommit({ ...g, oid: commit })).commit.tree;
}
