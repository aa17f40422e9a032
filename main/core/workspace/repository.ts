import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import git from 'isomorphic-git';
import { sweepTempIn } from '../fs/stray-temp';
import { readTextIfExists, writeFileAtomic } from '../../base/atomic-file';
import { WORKSPACE_SCHEMA_VERSION, type Author } from './files';
import { replaceFile, WorkspaceFolder } from './folder';
import { GIT_TEMP_DIR } from './git-fs';
import {
  diffTrees,
  editTree,
  gitDir,
  listBlobs,
  readText,
  treeOf,
  writeText,
  type GitDir,
  type TreeChanges,
} from './git-tree';
import { mergeTrees, type Quarantined } from './merge-trees';
import { WORKSPACE_README } from './readme';
import { assertNoSecrets } from './secret-check';

export interface FileWrite {
  path: string;
  /** null deletes the file. */
  text: string | null;
}

export interface WorkspaceChange {
  /** Paths whose content changed in the folder (a merge, a recovery). */
  paths: string[];
  notices: string[];
  quarantined: Quarantined[];
}

export interface RepositoryOptions {
  /** The data folder: the files go to `workspace/`, the repository to `workspace.git/`. */
  dataDir: string;
  author: () => Author;
  /** Tokens the app holds; a commit containing one is refused. */
  knownTokens?: () => Promise<string[]>;
  now?: () => Date;
}

export const LOCAL_BRANCH = 'main';
const REF = `refs/heads/${LOCAL_BRANCH}`;

/**
 * The workspace repository: a bare git repository beside a folder holding the files of its HEAD.
 * The repository is bare so no git index can go stale: commits are built by editing trees along
 * the changed paths only. Every write is one commit, checked for secrets first; commits and merges
 * are serialized, and none of them waits for the network.
 *
 * Crash safety: the paths being written are recorded in `ops-pending.json` before the folder is
 * touched and committed from the folder at the next open if the commit did not happen;
 * `ops-materialized` names the commit the folder shows, and the folder is brought up to HEAD at
 * open when they differ (a merge interrupted half-way through writing files).
 */
export class Repository {
  readonly folder: WorkspaceFolder;
  readonly g: GitDir;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(c: WorkspaceChange) => void>();
  private readonly now: () => Date;

  private constructor(private readonly opts: RepositoryOptions) {
    this.folder = new WorkspaceFolder(join(opts.dataDir, 'workspace'));
    this.g = gitDir(join(opts.dataDir, 'workspace.git'));
    this.now = opts.now ?? (() => new Date());
  }

  static async open(opts: RepositoryOptions): Promise<Repository> {
    const repo = new Repository(opts);
    await repo.init();
    return repo;
  }

  private get pendingFile() {
    return join(this.g.gitdir, 'ops-pending.json');
  }
  private get markerFile() {
    return join(this.g.gitdir, 'ops-materialized');
  }
  private get repairFile() {
    return join(this.g.gitdir, 'ops-repairing.json');
  }

  private async init(): Promise<void> {
    const fresh = (await readTextIfExists(join(this.g.gitdir, 'HEAD'))) === undefined;
    if (fresh) await git.init({ ...this.g, bare: true, defaultBranch: LOCAL_BRANCH });
    await this.recover();
    // A branch ref that cannot be read must not start a new, empty history: the folder shows a
    // commit, so the branch goes back to it.
    const shown = (await readTextIfExists(this.markerFile))?.trim();
    if (!(await this.head()) && shown && (await this.readable(shown)))
      await git.writeRef({ ...this.g, ref: REF, value: shown, force: true });
    if (!(await this.head())) {
      await this.commit(
        [
          {
            path: 'workspace.json',
            text:
              JSON.stringify(
                {
                  schemaVersion: WORKSPACE_SCHEMA_VERSION,
                  name: 'Integration Ops team workspace',
                  createdAt: this.now().toISOString(),
                },
                null,
                2,
              ) + '\n',
          },
          { path: 'README.md', text: WORKSPACE_README },
        ],
        'Create the team workspace',
      );
    }
  }

  private async readable(commit: string): Promise<boolean> {
    try {
      await git.readCommit({ ...this.g, oid: commit });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * After a crash: commit what was written but not committed, then show HEAD in the folder.
   * Temp files a stopped write left are swept where such writes happen: the git staging folder,
   * and the folders of the paths that were being written (listed before any write started).
   */
  private async recover(): Promise<void> {
    await fs.rm(join(this.g.gitdir, GIT_TEMP_DIR), { recursive: true, force: true });
    await sweepTempIn(this.g.gitdir);
    const pending = await this.readPending();
    const repairing = await this.readPaths(this.repairFile);
    await this.sweepFolders([...pending, ...repairing]);
    await fs.rm(this.repairFile, { force: true });
    if (pending.length) {
      const files = await Promise.all(
        pending.map(async (path) => ({ path, text: (await this.folder.read(path)) ?? null })),
      );
      await this.commit(files, 'Recover writes interrupted by a stop of the app');
    }
    const head = await this.head();
    const shown = (await readTextIfExists(this.markerFile))?.trim() || undefined;
    if (head && shown !== head) {
      const paths = await this.materialize(shown, head);
      await this.sweepFolders(paths);
      if (paths.length) this.emit({ paths, notices: [], quarantined: [] });
    }
  }

  private async sweepFolders(paths: string[]): Promise<void> {
    for (const dir of new Set(paths.map((p) => dirname(this.folder.abs(p)))))
      await sweepTempIn(dir);
  }

  /**
   * Puts HEAD's copy of a damaged file back in the folder, the damaged copy kept at `aside`
   * (a repair, not a commit: HEAD already holds the text). Listed first, like a commit's paths.
   */
  async restoreInFolder(path: string, text: string, aside: string, damaged: string) {
    await writeFileAtomic(this.repairFile, JSON.stringify([path]));
    await writeFileAtomic(aside, damaged);
    await this.folder.write(path, text, true);
    await fs.rm(this.repairFile, { force: true });
  }

  private readPending(): Promise<string[]> {
    return this.readPaths(this.pendingFile);
  }

  private async readPaths(file: string): Promise<string[]> {
    const text = await readTextIfExists(file);
    if (!text) return [];
    try {
      const v: unknown = JSON.parse(text);
      return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }

  async head(): Promise<string | undefined> {
    try {
      return await git.resolveRef({ ...this.g, ref: REF });
    } catch {
      return undefined;
    }
  }

  read(path: string): Promise<string | undefined> {
    return this.folder.read(path);
  }

  list(path: string): Promise<string[]> {
    return this.folder.list(path);
  }

  onChange(listener: (c: WorkspaceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(c: WorkspaceChange): void {
    for (const l of this.listeners) l(c);
  }

  /** Runs `fn` after every earlier commit or merge: one writer of the branch at a time. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private signature() {
    const a = this.opts.author();
    const now = this.now();
    return {
      name: a.name,
      email: a.email,
      timestamp: Math.floor(now.getTime() / 1000),
      timezoneOffset: now.getTimezoneOffset(),
    };
  }

  /** Files the folder shows change from commit `from` to `to`; returns the paths written. */
  private async materialize(from: string | undefined, to: string): Promise<string[]> {
    const [a, b] = await Promise.all([treeOf(this.g, from), treeOf(this.g, to)]);
    const changed = from
      ? [...(await diffTrees(this.g, a, b)).entries()].map(([path, d]) => ({ path, oid: d.b }))
      : [...(await listBlobs(this.g, b)).entries()].map(([path, oid]) => ({ path, oid }));
    const limit = 16;
    for (let i = 0; i < changed.length; i += limit)
      await Promise.all(
        changed
          .slice(i, i + limit)
          .map(async (c) =>
            this.folder.write(c.path, c.oid ? await readText(this.g, c.oid) : null),
          ),
      );
    await replaceFile(this.markerFile, `${to}\n`);
    return changed.map((c) => c.path);
  }

  /**
   * One commit of `files` (checked for secrets first: a refusal writes nothing). The folder is
   * written before the commit and both are covered by the pending list, so a stop at any moment
   * loses nothing that was acknowledged.
   */
  commit(files: FileWrite[], message: string, opts: { durable?: boolean } = {}): Promise<string> {
    return this.serial(async () => {
      assertNoSecrets(files, (await this.opts.knownTokens?.()) ?? []);
      return this.commitNow(files, message, opts.durable ?? false);
    });
  }

  /**
   * Runs `fn` as the branch's only writer (no commit or merge in between); its `commit` commits
   * at once, checked for secrets like any other. For repairs that read, decide and commit.
   */
  exclusive<T>(
    fn: (commit: (files: FileWrite[], message: string) => Promise<string>) => Promise<T>,
  ): Promise<T> {
    return this.serial(() =>
      fn(async (files, message) => {
        assertNoSecrets(files, (await this.opts.knownTokens?.()) ?? []);
        return this.commitNow(files, message, true);
      }),
    );
  }

  /** The file as HEAD holds it (undefined: not in HEAD; throws when its objects cannot be read). */
  async committed(path: string): Promise<{ text: string; commit: string } | undefined> {
    const head = await this.head();
    if (!head) return undefined;
    try {
      const { blob } = await git.readBlob({ ...this.g, oid: head, filepath: path });
      return { text: Buffer.from(blob).toString('utf8'), commit: head };
    } catch (error) {
      if ((error as { code?: string }).code === 'NotFoundError') return undefined;
      throw error;
    }
  }

  /**
   * Appends one line to a journal file and commits it (read, appended and written in one step).
   * The line goes after the committed copy, not the folder's: every acknowledged line is in HEAD,
   * and a folder copy damaged behind the app's back is never carried into the history.
   */
  append(path: string, line: string, message: string): Promise<string> {
    return this.serial(async () => {
      const before = (await this.committed(path))?.text ?? '';
      const sep = before === '' || before.endsWith('\n') ? '' : '\n';
      const files = [{ path, text: `${before}${sep}${line}\n` }];
      assertNoSecrets([{ path, text: line }], (await this.opts.knownTokens?.()) ?? []);
      return this.commitNow(files, message, true);
    });
  }

  private async commitNow(files: FileWrite[], message: string, durable: boolean): Promise<string> {
    const pending = [...new Set([...(await this.readPending()), ...files.map((f) => f.path)])];
    // Durable with the journal line it covers (an apply is journaled before its request is sent).
    await replaceFile(this.pendingFile, JSON.stringify(pending), durable);
    for (const f of files) await this.folder.write(f.path, f.text, durable);
    // Earlier pending paths (a failed commit) are committed from the folder with these.
    const all = new Map<string, string | null>();
    for (const path of pending) all.set(path, (await this.folder.read(path)) ?? null);
    const head = await this.head();
    const changes: TreeChanges = new Map();
    for (const [path, text] of all)
      changes.set(path, text === null ? null : await writeText(this.g, text));
    const tree = await editTree(this.g, await treeOf(this.g, head), changes);
    const sig = this.signature();
    const oid = await git.writeCommit({
      ...this.g,
      commit: {
        message: message.endsWith('\n') ? message : `${message}\n`,
        tree,
        parent: head ? [head] : [],
        author: sig,
        committer: sig,
      },
    });
    await git.writeRef({ ...this.g, ref: REF, value: oid, force: true });
    // Not fsynced: a marker lost to a power cut only makes the next open write the folder again.
    await replaceFile(this.markerFile, `${oid}\n`);
    await fs.rm(this.pendingFile, { force: true });
    return oid;
  }

  /**
   * Merges commit `theirs` (fetched) into HEAD with the workspace's rules, updates the folder and
   * tells the stores which files changed. Fast-forwards when nothing local is unpublished and
   * nothing needs quarantine.
   */
  merge(theirs: string): Promise<WorkspaceChange & { head: string }> {
    return this.serial(async () => {
      const ours = await this.head();
      if (ours === theirs) return { head: ours, paths: [], notices: [], quarantined: [] };
      const bases: unknown[] = ours
        ? await git.findMergeBase({ ...this.g, oids: [ours, theirs] })
        : [];
      const base = typeof bases[0] === 'string' ? bases[0] : undefined;
      if (base === theirs) return { head: ours!, paths: [], notices: [], quarantined: [] };
      const stamp = this.now().toISOString().replace(/[:.]/g, '-');
      const m = await mergeTrees(
        this.g,
        await treeOf(this.g, base),
        await treeOf(this.g, ours),
        await treeOf(this.g, theirs),
        stamp,
      );
      let head = theirs;
      const theirsTree = await treeOf(this.g, theirs);
      if (m.tree !== theirsTree || (ours && base !== ours)) {
        const sig = this.signature();
        const parents = ours && base !== ours ? [ours, theirs] : [theirs];
        const lines = [
          parents.length === 2 ? 'Merge the team workspace' : 'Take the team workspace',
          ...m.quarantined.map((q) => `Quarantined ${q.path}: ${q.reason}`),
        ];
        head = await git.writeCommit({
          ...this.g,
          commit: {
            message: lines.join('\n\n') + '\n',
            tree: m.tree,
            parent: parents,
            author: sig,
            committer: sig,
          },
        });
      }
      await git.writeRef({ ...this.g, ref: REF, value: head, force: true });
      const paths = await this.materialize(ours, head);
      const change = { paths, notices: m.notices, quarantined: m.quarantined };
      this.emit(change);
      return { head, ...change };
    });
  }

  /** Commits reachable from HEAD and not from `remote` (what a push would send), counted up to `cap`. */
  async aheadOf(remote: string | undefined, cap = 1000): Promise<number> {
    const head = await this.head();
    if (!head) return 0;
    const key = `${head}:${remote ?? ''}`;
    if (this.aheadMemo?.key === key) return this.aheadMemo.count;
    const count = await this.countAhead(head, remote, cap);
    this.aheadMemo = { key, count };
    return count;
  }
  private aheadMemo: { key: string; count: number } | undefined;

  private async countAhead(head: string, remote: string | undefined, cap: number): Promise<number> {
    const published = new Set<string>();
    if (remote) {
      const stack = [remote];
      while (stack.length && published.size < cap * 4) {
        const oid = stack.pop()!;
        if (published.has(oid)) continue;
        published.add(oid);
        stack.push(...(await git.readCommit({ ...this.g, oid })).commit.parent);
      }
    }
    const seen = new Set<string>();
    const stack = [head];
    while (stack.length && seen.size < cap) {
      const oid = stack.pop()!;
      if (seen.has(oid) || published.has(oid)) continue;
      seen.add(oid);
      stack.push(...(await git.readCommit({ ...this.g, oid })).commit.parent);
    }
    return seen.size;
  }
}
