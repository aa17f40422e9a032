import { fail } from '../../../shared/bridge/errors';
import { LockFile, readJson, type LockHolder } from './files';
import { lockPath, type SiteRef } from './layout';
import type { FileWrite, Repository } from './repository';
import { describeRemoteError, type RemoteConfig, type RemoteSync } from './sync';
import type { FileGuard } from './file-guard';

export const HEARTBEAT_MS = 5 * 60_000;
export const STALE_AFTER_MS = 30 * 60_000;

export interface AcquireOptions {
  /** The operator confirmed taking over a lock whose heartbeat is older than 30 minutes. */
  takeOver?: boolean;
  /** The operator accepted "team lock not confirmed" (the git server cannot be reached). */
  acceptUnconfirmed?: boolean;
}

export interface Acquired {
  confirmed: boolean;
  /** Why it could not be confirmed (the remote's error). */
  unconfirmedReason?: string;
  tookOverFrom?: LockFile;
}

const hhmm = (iso: string) => new Date(iso).toTimeString().slice(0, 5);

/**
 * The team lock: `lock.json` of a site, taken by compare-and-swap on the branch. The push of the
 * lock commit must be a fast-forward; if it is not, someone moved first: pull, re-check, and
 * refuse naming them. Rollbacks never come through here.
 */
export class TeamLock {
  constructor(
    private readonly repo: Repository,
    private readonly remoteSync: RemoteSync,
    private readonly laptop: string,
    private readonly now: () => Date,
    /** A commit that is pushed behind (heartbeats and releases must reach the team). */
    private readonly publish: (files: FileWrite[], message: string) => Promise<unknown>,
    private readonly guard: FileGuard,
  ) {}

  /** The lock as the folder has it now (never a cached copy: every decision reads it). */
  async read(site: SiteRef): Promise<LockFile | undefined> {
    const text = await this.guard.read(lockPath(site), {
      store: 'workspace',
      lost: `the team lock of site ${site.siteId}: who holds it and since when; a change open on this laptop still holds it here`,
    });
    return text ? readJson(LockFile, text) : undefined;
  }

  isStale(lock: LockFile): boolean {
    return this.now().getTime() - Date.parse(lock.heartbeat) > STALE_AFTER_MS;
  }

  /** Refuses (conflict) when another change holds the lock; returns the lock it may take over. */
  private check(lock: LockFile | undefined, holder: LockHolder, opts: AcquireOptions) {
    if (!lock || lock.changeId === holder.changeId) return undefined;
    const stale = this.isStale(lock);
    if (stale && opts.takeOver) return lock;
    const who = lock.operator.name;
    fail(
      'conflict',
      stale
        ? `${who} has a change open on this site since ${hhmm(lock.since)}, with no sign of life since ${hhmm(lock.heartbeat)}: ask them, or take over.`
        : `${who} has a change open on this site since ${hhmm(lock.since)} - ask them or take over once it has been idle for 30 minutes.`,
      {
        current: {
          teamLock: {
            operator: lock.operator.name,
            email: lock.operator.email,
            since: lock.since,
            heartbeat: lock.heartbeat,
            changeId: lock.changeId,
            target: lock.target,
            canTakeOver: stale,
          },
        },
      },
    );
  }

  private write(
    site: SiteRef,
    holder: LockHolder,
    contested: LockFile['contested'] = [],
    commit: (files: FileWrite[], message: string) => Promise<unknown> = (f, m) =>
      this.repo.commit(f, m),
  ) {
    const now = this.now().toISOString();
    const file: LockFile = {
      schemaVersion: 1,
      ...holder,
      laptop: this.laptop,
      heartbeat: now,
      contested,
    };
    return commit(
      [{ path: lockPath(site), text: JSON.stringify(file, null, 2) + '\n' }],
      `Lock ${site.siteId} for change ${holder.changeId} (${holder.operator.name})`,
    );
  }

  async acquire(
    site: SiteRef,
    holder: LockHolder,
    remote: RemoteConfig | undefined,
    opts: AcquireOptions,
  ): Promise<Acquired> {
    let offline: string | undefined;
    if (remote) {
      try {
        await this.remoteSync.pull(remote);
      } catch (error) {
        offline = describeRemoteError(error).message;
      }
    }
    const tookOverFrom = this.check(await this.read(site), holder, opts);
    if (offline && !opts.acceptUnconfirmed)
      fail('offline', `Team lock not confirmed: ${offline} Accept to start without it.`, {
        current: { teamLockUnconfirmed: true },
      });
    await this.write(site, holder);
    if (!remote || offline)
      return {
        confirmed: !remote,
        ...(offline ? { unconfirmedReason: offline } : {}),
        ...(tookOverFrom ? { tookOverFrom } : {}),
      };
    for (let attempt = 0; attempt < 4; attempt++) {
      let result;
      try {
        result = await this.remoteSync.push(remote);
      } catch (error) {
        const why = describeRemoteError(error).message;
        if (opts.acceptUnconfirmed) return { confirmed: false, unconfirmedReason: why };
        await this.release(site, holder.changeId);
        fail('offline', `Team lock not confirmed: ${why} Accept to start without it.`, {
          current: { teamLockUnconfirmed: true },
        });
      }
      if (result !== 'rejected')
        return { confirmed: true, ...(tookOverFrom ? { tookOverFrom } : {}) };
      // Someone pushed first: take their history and look again.
      await this.remoteSync.pull(remote);
      const now = await this.read(site);
      if (now?.changeId !== holder.changeId) this.check(now, holder, { takeOver: false });
    }
    fail('conflict', 'The team workspace kept moving while taking the lock; try again.');
  }

  /** The holder's app refreshes its locks; returns false when the lock is no longer its own. */
  async heartbeat(site: SiteRef, changeId: string): Promise<boolean> {
    const lock = await this.read(site);
    if (!lock || lock.changeId !== changeId || lock.laptop !== this.laptop) return false;
    await this.write(site, lock, lock.contested, this.publish);
    return true;
  }

  /** Close and Abandon release the lock (only the change that holds it can). */
  async release(site: SiteRef, changeId: string): Promise<boolean> {
    const lock = await this.read(site);
    if (!lock || lock.changeId !== changeId) return false;
    await this.publish(
      [{ path: lockPath(site), text: null }],
      `Release the lock of ${site.siteId} (change ${changeId})`,
    );
    return true;
  }
}
