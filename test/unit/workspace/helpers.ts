import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RemoteConfig } from '../../../main/core/workspace/sync';
import { Workspace, type WorkspaceStatus } from '../../../main/core/workspace/workspace';
import type { GitServer } from '../../fakes/git-server';

export interface Laptop {
  ws: Workspace;
  dataDir: string;
  statuses: WorkspaceStatus[];
  remoteOn: boolean;
  /** The remote this laptop uses (mutable: point it at a dead port to cut its network). */
  remote: RemoteConfig | undefined;
}

/** One "laptop": its own data folder and workspace, pointed at the test git server. */
export async function laptop(
  name: string,
  server: GitServer | undefined,
  opts: { now?: () => Date; dataDir?: string; proxyUrl?: string; caFile?: string } = {},
): Promise<Laptop> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), `ops-ws-${name}-`));
  const l: Laptop = {
    dataDir,
    statuses: [],
    remoteOn: !!server,
    ws: undefined as never,
    remote: server && {
      url: server.url,
      branch: 'main',
      username: server.username,
      token: server.password,
      ...(opts.proxyUrl ? { proxyUrl: opts.proxyUrl } : {}),
      ...(opts.caFile ? { caFile: opts.caFile } : {}),
    },
  };
  l.ws = await Workspace.open({
    dataDir,
    author: () => ({ name, email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.com` }),
    knownTokens: () => Promise.resolve(server ? [server.password] : []),
    remote: () => Promise.resolve(l.remoteOn ? l.remote : undefined),
    laptop: `laptop-${name}`,
    ...(opts.now ? { now: opts.now } : {}),
    onStatus: (s) => l.statuses.push(s),
  });
  return l;
}

export function cleanup(...dirs: string[]): void {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

/** Runs the git command line (the interop checks use the real thing). */
export function gitCli(args: string[], cwd?: string, env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Plain Git',
      GIT_AUTHOR_EMAIL: 'plain@example.com',
      GIT_COMMITTER_NAME: 'Plain Git',
      GIT_COMMITTER_EMAIL: 'plain@example.com',
      ...env,
    },
  });
}

/**
 * The git command line against the in-process test server: asynchronous, since a synchronous
 * child would block the event loop that serves its requests.
 */
export async function gitNet(args: string[], cwd?: string): Promise<string> {
  const r = await promisify(execFile)('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
  return r.stdout;
}
