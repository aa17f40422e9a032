import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockFile, readJson } from '../../../main/core/workspace/files';
import { lockPath } from '../../../main/core/workspace/layout';
import { deadPort, startForwardProxy, type ForwardProxy } from '../../fakes/fault-proxy';
import { startGitServer, type GitServer } from '../../fakes/git-server';
import { cleanup, laptop, type Laptop } from './helpers';

const site = { env: 'api.example.com', siteId: '3f1c2a9e-1b2c-4d5e-8f90-0000000000aa' };
const holder = (name: string, changeId: string, since = new Date()) => ({
  changeId,
  target: 'meta' as const,
  operator: { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com` },
  since: since.toISOString(),
});

let server: GitServer;
let proxy: ForwardProxy;
const laptops: Laptop[] = [];
let clock = Date.parse('2026-12-01T10:00:00Z');
const now = () => new Date(clock);

beforeAll(async () => {
  server = await startGitServer();
  proxy = await startForwardProxy('ok');
});
afterAll(async () => {
  await Promise.all(laptops.map((l) => l.ws.close()));
  await server.close();
  await proxy.close();
  cleanup(...laptops.map((l) => l.dataDir));
});
async function open(name: string, opts: { proxyUrl?: string } = {}) {
  const l = await laptop(name, server, { now, ...opts });
  laptops.push(l);
  return l;
}

describe('the team lock and the network', () => {
  it("goes through the configured proxy (the app's undici dispatcher)", async () => {
    const a = await open('Ada Ops', { proxyUrl: proxy.url });
    await a.ws.commit([{ path: 'sites/p.txt', text: 'via proxy\n' }], 'through the proxy');
    await a.ws.sync();
    expect(a.ws.status().state).toBe('synced');
    expect(proxy.seen.some((u) => u.includes('/team.git/info/refs'))).toBe(true);
    expect(proxy.seen.some((u) => u.includes('/team.git/git-receive-pack'))).toBe(true);
  });

  it('a lock idle for 30 minutes is refused until taken over explicitly', async () => {
    const a = await open('Ada Ops');
    const b = await open('Bob Oncall');
    await a.ws.lock.acquire(site, holder('Ada Ops', 'chg-idle', now()), a.remote, {});
    clock += 31 * 60_000;
    const refused = b.ws.lock.acquire(site, holder('Bob Oncall', 'chg-bob', now()), b.remote, {});
    await expect(refused).rejects.toMatchObject({
      error: {
        kind: 'conflict',
        message: expect.stringMatching(
          /^Ada Ops has a change open on this site since \d\d:\d\d, with no sign of life since/,
        ),
        current: { teamLock: { operator: 'Ada Ops', canTakeOver: true } },
      },
    });
    const took = await b.ws.lock.acquire(site, holder('Bob Oncall', 'chg-bob', now()), b.remote, {
      takeOver: true,
    });
    expect(took).toMatchObject({ confirmed: true, tookOverFrom: { changeId: 'chg-idle' } });
    // The former holder's heartbeat no longer refreshes a lock that is not its own.
    await a.ws.sync();
    expect(await a.ws.lock.heartbeat(site, 'chg-idle')).toBe(false);
    await b.ws.lock.release(site, 'chg-bob');
    await b.ws.sync();
  });

  it('unreachable server: refused as "team lock not confirmed" unless accepted; a conflict found on reconnecting is recorded for both', async () => {
    const a = await open('Ada Ops');
    const b = await open('Bob Oncall');
    await a.ws.sync();
    await b.ws.sync();
    const realUrl = a.remote!.url;
    a.remote!.url = `http://127.0.0.1:${await deadPort()}/team.git`;
    await expect(
      a.ws.lock.acquire(site, holder('Ada Ops', 'chg-offline'), a.remote, {}),
    ).rejects.toMatchObject({
      error: {
        kind: 'offline',
        current: { teamLockUnconfirmed: true },
        message: expect.stringMatching(/^Team lock not confirmed/),
      },
    });
    const unconfirmed = await a.ws.lock.acquire(site, holder('Ada Ops', 'chg-offline'), a.remote, {
      acceptUnconfirmed: true,
    });
    expect(unconfirmed.confirmed).toBe(false);
    // Meanwhile Bob, online, takes the same site.
    expect(
      (await b.ws.lock.acquire(site, holder('Bob Oncall', 'chg-online'), b.remote, {})).confirmed,
    ).toBe(true);
    // Ada reconnects: Bob's lock (published first) stands, Ada's change is recorded as contested.
    a.remote!.url = realUrl;
    await a.ws.sync();
    expect(a.ws.status().problems.join('\n')).toMatch(
      /Ada Ops opened change chg-offline on this site while Bob Oncall held the team lock/,
    );
    await b.ws.sync();
    const lock = readJson(LockFile, (await b.ws.read(lockPath(site)))!)!;
    expect(lock.changeId).toBe('chg-online');
    expect(lock.contested.map((c) => c.changeId)).toEqual(['chg-offline']);
  });
});

describe('the secret check', () => {
  it('names the field of an unmasked secret, and does not mistake event names for fields', async () => {
    const { assertNoSecrets } = await import('../../../main/core/workspace/secret-check');
    const version = (config: Record<string, unknown>, eventMapping: Record<string, string>) => [
      {
        path: 'sites/e/s/meta/versions/01JABCDEFGHJKMNPQRSTVWXYZ0.json',
        text: JSON.stringify({ id: 'x', body: { config, eventMapping } }),
      },
    ];
    expect(() =>
      assertNoSecrets(version({ accessToken: '••••abcd' }, { token: 'Purchase', key: 'Lead' }), []),
    ).not.toThrow();
    expect(() => assertNoSecrets(version({ accessToken: 'EAAB-real' }, {}), [])).toThrow(
      /meta\/versions\/.*\.json: the field body\.config\.accessToken holds an unmasked secret/,
    );
    const hook = [
      {
        path: 'sites/e/s/changes/c.jsonl',
        text: JSON.stringify({
          seq: 1,
          key: 'idem-1',
          body: { authConfig: { secret: 'whsec_live' } },
        }),
      },
    ];
    expect(() => assertNoSecrets(hook, [])).toThrow(/the field body\.authConfig\.secret/);
  });
});
