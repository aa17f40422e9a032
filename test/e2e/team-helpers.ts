import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startGitServer, type GitServer } from '../fakes/git-server';
export { authUrl } from '../fakes/git-server';
import { bridge } from './bridge-helpers';
import { expect, launch } from './fixtures';
import { startStandaloneSandbox } from './standalone-sandbox';

export interface Laptop {
  name: string;
  page: Page;
  context: BrowserContext;
  dataDir: string;
  site: { connectionId: string; siteId: string };
  stop(): Promise<void>;
}

export interface Team {
  server: GitServer;
  sandbox: { url: string; token: string; siteIds: string[] };
  a: Laptop;
  b: Laptop;
  close(): Promise<void>;
}

async function laptop(
  browser: Browser,
  name: string,
  email: string,
  server: GitServer,
  api: { url: string; token: string; siteId: string },
): Promise<Laptop> {
  const dataDir = mkdtempSync(join(tmpdir(), `ops-team-${name.split(' ')[0]!.toLowerCase()}-`));
  const app = await launch(dataDir, ['--no-sandbox']);
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  await page.goto(app.launchUrl);
  const ok = async (call: string, input: unknown) => {
    const r = await bridge<{ id?: string }>(page, call, input);
    expect(r.ok, `${name}: ${call} ${r.error?.message ?? ''}`).toBe(true);
    return r.value!;
  };
  await ok('settings.update', {
    operatorName: name,
    operatorEmail: email,
    monitorMinimumMinutes: 0.05,
  });
  const conn = await ok('connections.save', {
    name: 'Production API',
    baseUrl: api.url,
    authScheme: 'bearer',
    token: api.token,
  });
  await ok('sites.save', { connectionId: conn.id, label: 'Nordwind Outdoor', siteId: api.siteId });
  await ok('workspace.configure', {
    url: server.url,
    branch: 'main',
    username: server.username,
    token: server.password,
  });
  await ok('workspace.enable', { enabled: true });
  await page.reload();
  return {
    name,
    page,
    context,
    dataDir,
    site: { connectionId: conn.id!, siteId: api.siteId },
    async stop() {
      await context.close();
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Two laptops (two browser-mode instances, two data folders), one git server, one API. */
export async function startTeam(browser: Browser): Promise<Team> {
  const server = await startGitServer();
  // The shared production API of the test: one standalone sandbox both laptops connect to.
  const sb = await startStandaloneSandbox({ history: 200, rate: 20 });
  const api = { url: sb.url, token: sb.token, siteId: sb.siteIds[0]! };
  const a = await laptop(browser, 'Ada Ops', 'ada@example.com', server, api);
  const b = await laptop(browser, 'Bob Oncall', 'bob@example.com', server, api);
  return {
    server,
    sandbox: { url: sb.url, token: sb.token, siteIds: sb.siteIds },
    a,
    b,
    async close() {
      await Promise.allSettled([a.stop(), b.stop()]);
      await sb.stop();
      await server.close();
    },
  };
}

/** "Sync now" in the header, then wait for the header to say it is synced. */
export async function syncNow(l: Laptop): Promise<void> {
  await l.page.getByRole('button', { name: 'Sync now' }).click();
  await expect(l.page.getByTestId('sync-status')).toHaveText(/Synced \d\d:\d\d/);
}

export async function go(l: Laptop, route: string): Promise<void> {
  await l.page.goto(`${new URL(l.page.url()).origin}/#/${route}`);
}

/** The git command line against the test server (asynchronous: the server runs in this process). */
export async function git(args: string[], cwd?: string): Promise<string> {
  const r = await promisify(execFile)('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: 'Carol Reviewer',
      GIT_AUTHOR_EMAIL: 'carol@example.com',
      GIT_COMMITTER_NAME: 'Carol Reviewer',
      GIT_COMMITTER_EMAIL: 'carol@example.com',
    },
  });
  return r.stdout;
}

/** A file of the team workspace folder (the stores' files live there). */
export function findInWorkspace(dataDir: string, tail: string[]): string {
  const sites = join(dataDir, 'workspace', 'sites');
  for (const env of readdirSync(sites)) {
    const f = join(sites, env, ...tail);
    if (existsSync(f)) return f;
  }
  throw new Error(`no ${tail.join('/')} in the workspace`);
}
