import type { DamageSink } from '../damage/register';
import { FileGuard } from './file-guard';
import type { Author } from './files';
import { Repository, type FileWrite, type WorkspaceChange } from './repository';
import { describeRemoteError, RemoteSync, type RemoteConfig } from './sync';
import { TeamLock } from './team-lock';

export interface WorkspaceStatus {
  remote: boolean;
  state: 'local' | 'syncing' | 'synced' | 'pending' | 'offline' | 'error';
  /** Local commits the remote does not have yet. */
  ahead: number;
  lastSyncAt?: string;
  lastError?: string;
  /** Files kept aside and other things the operators must see. */
  problems: string[];
}

export interface WorkspaceOptions {
  dataDir: string;
  author: () => Author;
  knownTokens?: () => Promise<string[]>;
  /** The remote, when the team workspace is enabled (token resolved from the secret store). */
  remote: () => Promise<RemoteConfig | undefined>;
  /** This install's id (lock ownership). */
  laptop: string;
  now?: () => Date;
  onStatus?: (s: WorkspaceStatus) => void;
  onChange?: (c: WorkspaceChange) => void;
  /** Where damaged files are reported (found by a store, or sent by the git server). */
  damage?: DamageSink;
}

/**
 * The team workspace: one local repository that every store writes through (with or without a
 * remote: one code path), plus the sync with the remote and the team lock. Local commits never
 * wait for the network: pushes run behind them, coalesced.
 */
export class Workspace {
  readonly lock: TeamLock;
  /** How stores read their files: damage is repaired or quarantined, and reported. */
  readonly guard: FileGuard;
  private readonly remoteSync: RemoteSync;
  private current: WorkspaceStatus = { remote: false, state: 'local', ahead: 0, problems: [] };
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    readonly repo: Repository,
    private readonly opts: WorkspaceOptions,
  ) {
    this.remoteSync = new RemoteSync(repo);
    const now = opts.now ?? (() => new Date());
    this.guard = new FileGuard(repo, opts.damage ?? (() => undefined), now);
    this.lock = new TeamLock(
      repo,
      this.remoteSync,
      opts.laptop,
      now,
      (f, m) => this.commit(f, m),
      this.guard,
    );
    repo.onChange((c) => {
      for (const q of c.quarantined) this.guard.reportMerged(q);
      if (c.quarantined.length || c.notices.length)
        this.setStatus({
          problems: [
            ...this.current.problems,
            ...c.quarantined.map(
              (q) => `Quarantined ${q.path} (moved to ${q.movedTo}): ${q.reason}`,
            ),
            ...c.notices,
          ].slice(-50),
        });
      opts.onChange?.(c);
    });
  }

  static async open(opts: WorkspaceOptions): Promise<Workspace> {
    const repo = await Repository.open({
      dataDir: opts.dataDir,
      author: opts.author,
      ...(opts.knownTokens ? { knownTokens: opts.knownTokens } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    });
    const ws = new Workspace(repo, opts);
    // Counting unpublished commits walks history: not on the start-up path.
    void ws.refreshAhead().catch(() => undefined);
    return ws;
  }

  /** Something every operator must see (a contested lock); shown once, newest last. */
  report(problem: string): void {
    if (this.current.problems.includes(problem)) return;
    this.setStatus({ problems: [...this.current.problems, problem].slice(-50) });
  }

  status(): WorkspaceStatus {
    return this.current;
  }

  private setStatus(patch: Partial<WorkspaceStatus>): void {
    this.current = { ...this.current, ...patch };
    this.opts.onStatus?.(this.current);
  }

  private async refreshAhead(remote?: RemoteConfig): Promise<void> {
    const r = remote ?? (await this.opts.remote());
    const tracking = r ? await this.remoteSync.trackingHead(r) : undefined;
    const ahead = r ? await this.repo.aheadOf(tracking) : 0;
    const state: WorkspaceStatus['state'] = !r
      ? 'local'
      : ['offline', 'error', 'syncing'].includes(this.current.state)
        ? this.current.state
        : ahead > 0
          ? 'pending'
          : 'synced';
    this.setStatus({ remote: !!r, ahead, state });
  }

  read(path: string) {
    return this.repo.read(path);
  }
  list(path: string) {
    return this.repo.list(path);
  }

  /** One local commit; the push follows in the background. */
  async commit(
    files: FileWrite[],
    message: string,
    opts: { durable?: boolean; push?: boolean } = {},
  ) {
    const oid = await this.repo.commit(files, message, opts);
    // Frequent bookkeeping (a monitor's tally) rides along with the next push instead.
    if (opts.push === false) void this.refreshAhead().catch(() => undefined);
    else this.afterLocalCommit();
    return oid;
  }

  async append(path: string, line: string, message: string) {
    const oid = await this.repo.append(path, line, message);
    this.afterLocalCommit();
    return oid;
  }

  private afterLocalCommit(): void {
    void this.refreshAhead().catch(() => undefined);
    void this.push().catch(() => undefined);
  }

  /** Pull, merge and push now (coalesced with one already running). Never throws: see status. */
  sync(): Promise<void> {
    return this.run(false);
  }

  /**
   * After a local commit: push first (one round trip when nobody else moved), and pull and merge
   * only when the push was refused. Coalesced like `sync`.
   */
  push(): Promise<void> {
    return this.run(true);
  }

  private pushFirst = true;
  private run(pushFirst: boolean): Promise<void> {
    if (this.running) {
      this.again = true;
      this.pushFirst &&= pushFirst;
      return this.running;
    }
    this.pushFirst = pushFirst;
    const loop = async () => {
      try {
        do {
          this.again = false;
          const first = this.pushFirst;
          this.pushFirst = true;
          await this.syncOnce(first);
        } while (this.again && !this.closed);
      } finally {
        // Cleared in the same tick as the last `again` check: a commit landing in between must
        // start a new run, not join one that is already over.
        this.running = undefined;
      }
    };
    this.running = loop();
    return this.running;
  }

  private async syncOnce(pushFirst: boolean): Promise<void> {
    const remote = await this.opts.remote();
    if (!remote) return this.refreshAhead();
    this.setStatus({ state: 'syncing' });
    try {
      if (!pushFirst || (await this.remoteSync.push(remote)) === 'rejected')
        await this.remoteSync.sync(remote);
      this.setStatus({
        state: 'synced',
        lastSyncAt: (this.opts.now?.() ?? new Date()).toISOString(),
      });
      delete this.current.lastError;
    } catch (error) {
      const d = describeRemoteError(error);
      this.setStatus({ state: d.offline ? 'offline' : 'error', lastError: d.message });
    }
    await this.refreshAhead(remote).catch(() => undefined);
  }

  /** A pull before a decision (Start change, restore): bounded, and never an error. */
  async pullBefore(): Promise<void> {
    await this.sync();
  }

  /** Pull on start, then every `intervalMs` (the sync setting). */
  startLoop(intervalMs: () => number): void {
    const tick = () => {
      if (this.closed) return;
      void this.sync().finally(() => {
        if (!this.closed) this.timer = setTimeout(tick, intervalMs()).unref();
      });
    };
    tick();
  }

  async testRemote(remote: RemoteConfig) {
    return this.remoteSync.test(remote);
  }

  remoteConfig() {
    return this.opts.remote();
  }

  pull(remote: RemoteConfig) {
    return this.remoteSync.pull(remote);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    // Cut the network first, so a sync stuck on a silent server ends now instead of at its timeout.
    await this.remoteSync.close();
    await this.running?.catch(() => undefined);
  }
}
