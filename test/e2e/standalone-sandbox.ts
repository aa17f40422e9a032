import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RequestLedger } from '../../shared/contract/sandbox';

export interface StandaloneSandbox {
  url: string;
  token: string;
  /** Every site as printed (`id,name`) by a fleet, the two demo shops first; empty without one. */
  sites: { id: string; name: string }[];
  /** Every site id, the two demo shops first (printed on one line when there is no fleet). */
  siteIds: string[];
  /** What the API served, counted by the sandbox itself (it outlives app restarts). */
  ledger(): Promise<RequestLedger>;
  stop(): Promise<void>;
}

const ENTRY = resolve(import.meta.dirname, '../../out/main/sandbox.js');

/**
 * `npm run sandbox` in its own process: an API that keeps running (and keeps its health windows
 * and request counts) while the app restarts, or that two laptops share, as a real API does.
 */
export async function startStandaloneSandbox(
  o: { fleetSites?: number; history?: number; rate?: number } = {},
): Promise<StandaloneSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'ops-e2e-api-'));
  const token = `e2e-standalone-${Date.now()}-token`;
  const child = spawn(
    process.execPath,
    [
      ENTRY,
      '--port',
      '0',
      '--token',
      token,
      '--data',
      dir,
      '--history',
      String(o.history ?? 50),
      ...(o.fleetSites ? ['--sites', String(o.fleetSites)] : []),
      ...(o.rate ? ['--rate', String(o.rate)] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`sandbox did not start:\n${out}`)), 20_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (/^Drills: /m.test(out)) {
        clearTimeout(timer);
        ok();
      }
    });
    child.once('exit', (code) => fail(new Error(`sandbox exited ${code}:\n${out}`)));
  });
  const url = /Sandbox Integrations API: (\S+)/.exec(out)![1]!;
  const sites = [...out.matchAll(/^([0-9a-f-]{36}),(.+)$/gm)].map((m) => ({
    id: m[1]!,
    name: m[2]!,
  }));
  const oneLine = /^Sites: (.+)$/m.exec(out)?.[1]?.split(', ') ?? [];
  return {
    url,
    token,
    sites,
    siteIds: sites.length > 0 ? sites.map((x) => x.id) : oneLine.map((x) => x.trim()),
    async ledger() {
      const res = await fetch(`${new URL(url).origin}/__sandbox/requests`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return RequestLedger.parse(await res.json());
    },
    stop: () =>
      new Promise<void>((done) => {
        const gone = () => {
          rmSync(dir, { recursive: true, force: true });
          done();
        };
        if (child.exitCode !== null || child.signalCode !== null) return gone();
        child.once('exit', gone);
        child.kill('SIGTERM');
      }),
  };
}
