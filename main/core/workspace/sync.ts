import git, { type HttpClient } from 'isomorphic-git';
import { codeOf, isTlsCode } from '../api/errors';
import { pushBranch } from './push-pack';
import type { Repository, WorkspaceChange } from './repository';
import { undiciGitHttp, type RemoteNetwork } from './transport';

export interface RemoteConfig extends RemoteNetwork {
  url: string;
  branch: string;
  username: string;
  token: string;
}

export type PushResult = 'pushed' | 'up_to_date' | 'rejected';

/** Why the remote could not be used, in the operator's words, and whether it is "offline". */
export function describeRemoteError(error: unknown): { offline: boolean; message: string } {
  const e = error as { code?: string; message?: string; data?: { statusCode?: number } };
  const status = e.data?.statusCode;
  if (e.code === 'HttpError' && (status === 401 || status === 403))
    return {
      offline: false,
      message: `The git server refused the username or token (HTTP ${status}).`,
    };
  if (e.code === 'HttpError' && status === 404)
    return { offline: false, message: 'The git server has no repository at this URL (HTTP 404).' };
  if (e.code === 'HttpError')
    return { offline: true, message: `The git server answered HTTP ${status ?? '?'}.` };
  if (e.code === 'SmartHttpError')
    return {
      offline: false,
      message: `This URL does not serve git over smart HTTP (${e.message ?? ''}).`,
    };
  const code = codeOf(error);
  // Not "offline": nothing will change until the operator names the CA (retrying cannot help).
  if (code && isTlsCode(code))
    return {
      offline: false,
      message: `The git server's certificate is not trusted (${code}): if your network uses its own CA, give its PEM file as the CA file in Settings → Team workspace.`,
    };
  const msg = e.message ?? String(error);
  return { offline: true, message: `The git server cannot be reached (${msg}).` };
}

/**
 * Fetch, merge and push against the configured remote. The network part runs outside the
 * repository's queue, so local commits (a rollback's journal entry) never wait for it; only the
 * merge itself, which is local, takes its turn in the queue.
 */
export class RemoteSync {
  private http: (HttpClient & { close(): Promise<void> }) | undefined;
  private httpFor = '';

  constructor(private readonly repo: Repository) {}

  private async client(remote: RemoteConfig): Promise<HttpClient> {
    const key = `${remote.proxyUrl ?? ''}|${remote.caFile ?? ''}`;
    if (!this.http || this.httpFor !== key) {
      await this.http?.close().catch(() => undefined);
      this.http = await undiciGitHttp(remote);
      this.httpFor = key;
    }
    return this.http;
  }

  private async common(remote: RemoteConfig) {
    await git.addRemote({ ...this.repo.g, remote: 'origin', url: remote.url, force: true });
    const basic = Buffer.from(`${remote.username}:${remote.token}`).toString('base64');
    return {
      ...this.repo.g,
      http: await this.client(remote),
      remote: 'origin',
      headers: { Authorization: `Basic ${basic}`, 'User-Agent': 'integration-ops' },
    };
  }

  /** The remote's head after a fetch (undefined: the branch does not exist there yet). */
  async fetch(remote: RemoteConfig): Promise<string | undefined> {
    const r = await git.fetch({
      ...(await this.common(remote)),
      ref: remote.branch,
      singleBranch: true,
      tags: false,
    });
    return r.fetchHead ?? undefined;
  }

  async trackingHead(remote: RemoteConfig): Promise<string | undefined> {
    try {
      return await git.resolveRef({ ...this.repo.g, ref: `refs/remotes/origin/${remote.branch}` });
    } catch {
      return undefined;
    }
  }

  async pull(remote: RemoteConfig): Promise<WorkspaceChange | undefined> {
    const theirs = await this.fetch(remote);
    if (!theirs) return undefined;
    return this.repo.merge(theirs);
  }

  async push(remote: RemoteConfig): Promise<PushResult> {
    const head = await this.repo.head();
    if (!head || head === (await this.trackingHead(remote))) return 'up_to_date';
    const c = await this.common(remote);
    // Not a fast-forward, or the server could not update the ref because another push held it:
    // either way someone else moved first ('rejected').
    const r = await pushBranch(this.repo.g, head, {
      url: remote.url,
      branch: remote.branch,
      headers: c.headers,
      http: c.http,
    });
    if (r !== 'rejected')
      await git.writeRef({
        ...this.repo.g,
        ref: `refs/remotes/origin/${remote.branch}`,
        value: head,
        force: true,
      });
    return r;
  }

  /** Pull, then push; a push that lost a race pulls and tries again (a few times). */
  async sync(remote: RemoteConfig): Promise<WorkspaceChange[]> {
    const changes: WorkspaceChange[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const c = await this.pull(remote);
      if (c) changes.push(c);
      if ((await this.push(remote)) !== 'rejected') return changes;
    }
    throw new Error('The git server kept moving while pushing; will try again at the next sync.');
  }

  /** Checks URL and credentials with one fetch of the branch's refs, changing nothing locally. */
  async test(remote: RemoteConfig): Promise<{ branchExists: boolean }> {
    const info = await git.getRemoteInfo2({
      protocolVersion: 1,
      forPush: true,
      http: await this.client(remote),
      url: remote.url,
      headers: (await this.common(remote)).headers,
    });
    const refs = info.refs ?? [];
    return { branchExists: refs.some((r) => r.ref === `refs/heads/${remote.branch}`) };
  }

  async close(): Promise<void> {
    await this.http?.close().catch(() => undefined);
    this.http = undefined;
  }
}
