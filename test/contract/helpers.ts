import { eventually as poll } from '../fakes/poll';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../main/sandbox/index';

export const TOKEN = 'contract-test-token-0123456789';

export interface Harness {
  sb: RunningSandbox;
  dir: string;
  site: string;
  site2: string;
  api: (
    method: string,
    path: string,
    opts?: { body?: unknown; headers?: Record<string, string> },
  ) => Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: any;
  }>;
  stop: () => Promise<void>;
}

/** A sandbox on a random port with its own data folder; `api` speaks real HTTP with undici. */
export async function startHarness(
  opts: Partial<SandboxOptions> = {},
  dir?: string,
): Promise<Harness> {
  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'sandbox-contract-')));
  const sb = await startSandbox({
    token: TOKEN,
    dataDir: folder,
    port: 0,
    seed: 7,
    eventsPerSecond: 0,
    retryBaseMs: 5,
    ...opts,
  });
  const api: Harness['api'] = async (method, path, o = {}) => {
    const url = path.startsWith('/__') ? `${sb.origin}${path}` : `${sb.url}${path}`;
    const res = await request(url, {
      method: method as 'GET',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...o.headers,
      },
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    });
    const text = await res.body.text();
    return {
      status: res.statusCode,
      headers: res.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };
  return {
    sb,
    dir: folder,
    site: sb.siteIds[0]!,
    site2: sb.siteIds[1]!,
    api,
    stop: async () => {
      await sb.close();
      if (!dir) await rm(folder, { recursive: true, force: true });
    },
  };
}

export { sleep } from '../fakes/poll';

/** Polls until `check` returns a value, so simulation tests wait for effects instead of fixed sleeps. */
export function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
  everyMs = 150,
): Promise<T> {
  return poll(check, { timeoutMs, everyMs, what: 'the simulated effect' });
}
