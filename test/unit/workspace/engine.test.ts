import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockPath, runbookPath } from '../../../main/core/workspace/layout';
import { authUrl, startGitServer, type GitServer } from '../../fakes/git-server';
import { cleanup, gitCli, gitNet, laptop, type Laptop } from './helpers';

const site = { env: 'api.example.com', siteId: '3f1c2a9e-1b2c-4d5e-8f90-123456789abc' };
const runbook = (fields: Record<string, unknown>, by: string, at: string) =>
  JSON.stringify({
    schemaVersion: 1,
    runbook: {
      owner: '',
      escalation: [],
      businessCycleMinutes: 1440,
      rollbackControls: [],
      notes: '',
      ...fields,
    },
    fieldBy: {},
    updatedAt: at,
    updatedBy: by,
    conflicts: [],
  });

let server: GitServer;
let a: Laptop;
let b: Laptop;
const dirs: string[] = [];

beforeAll(async () => {
  server = await startGitServer();
  a = await laptop('Ada Ops', server);
  b = await laptop('Bob Oncall', server);
  dirs.push(a.dataDir, b.dataDir);
});
afterAll(async () => {
  await a.ws.close();
  await b.ws.close();
  await server.close();
  cleanup(...dirs);
});

describe('team workspace engine (two laptops, one real git server)', () => {
  it('a commit on one laptop reaches the other with its author', async () => {
    await a.ws.commit([{ path: 'sites/x/notes.txt', text: 'hello\n' }], 'A note');
    await a.ws.sync();
    await b.ws.sync();
    expect(await b.ws.read('sites/x/notes.txt')).toBe('hello\n');
    expect(b.ws.status()).toMatchObject({ remote: true, state: 'synced', ahead: 0 });
    const log = gitCli(['--git-dir', server.repoDir, 'log', '--format=%an <%ae>|%s', 'main']);
    expect(log).toContain('Ada Ops <ada.ops@example.com>|A note');
  });

  it('a runbook edited on both laptops merges field by field; the same field is a kept conflict', async () => {
    const path = runbookPath(site, 'meta');
    await a.ws.commit([{ path, text: runbook({}, 'Ada Ops', '2026-01-01T10:00:00.000Z') }], 'rb');
    await a.ws.sync();
    await b.ws.sync();
    await a.ws.commit(
      [
        {
          path,
          text: runbook({ owner: 'Ada', notes: 'from A' }, 'Ada Ops', '2026-01-01T10:01:00.000Z'),
        },
      ],
      'rb A',
    );
    await b.ws.commit(
      [
        {
          path,
          text: runbook(
            { businessCycleMinutes: 60, notes: 'from B' },
            'Bob Oncall',
            '2026-01-01T10:02:00.000Z',
          ),
        },
      ],
      'rb B',
    );
    await a.ws.sync();
    await b.ws.sync();
    await a.ws.sync();
    const onA = JSON.parse((await a.ws.read(path))!);
    const onB = JSON.parse((await b.ws.read(path))!);
    expect(onA).toEqual(onB);
    expect(onA.runbook.owner).toBe('Ada');
    expect(onA.runbook.businessCycleMinutes).toBe(60);
    expect(onA.conflicts).toHaveLength(1);
    expect(onA.conflicts[0].field).toBe('notes');
    expect(onA.conflicts[0].values.map((v: { value: string }) => v.value).sort()).toEqual([
      'from A',
      'from B',
    ]);
  });

  it('the lock is a compare-and-swap: the second laptop is refused naming the first; after release it gets it', async () => {
    const remote = await a.ws.remoteConfig();
    const holder = (name: string, changeId: string) => ({
      changeId,
      target: 'meta' as const,
      operator: { name, email: `${name}@example.com` },
      since: new Date().toISOString(),
    });
    // Both race: neither has seen the other's lock before pushing.
    const [ra, rb] = await Promise.allSettled([
      a.ws.lock.acquire(site, holder('Ada Ops', 'chg-a'), remote, {}),
      b.ws.lock.acquire(site, holder('Bob Oncall', 'chg-b'), await b.ws.remoteConfig(), {}),
    ]);
    const won = [ra, rb].filter((r) => r.status === 'fulfilled');
    const lost = [ra, rb].filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = ra.status === 'fulfilled' ? a : b;
    const loser = winner === a ? b : a;
    const winnerName = winner === a ? 'Ada Ops' : 'Bob Oncall';
    expect(String((lost[0] as PromiseRejectedResult).reason.error.message)).toMatch(
      new RegExp(`^${winnerName} has a change open on this site since \\d\\d:\\d\\d`),
    );
    await loser.ws.sync();
    const lock = JSON.parse((await loser.ws.read(lockPath(site)))!);
    expect(lock.operator.name).toBe(winnerName);
    // The loser's own attempt does not hold; after the winner releases, the loser gets the lock.
    // The release is pushed behind its commit, with no explicit sync.
    await winner.ws.lock.release(site, lock.changeId);
    await expect
      .poll(() => gitCli(['--git-dir', server.repoDir, 'ls-tree', '-r', '--name-only', 'main']))
      .not.toContain(lockPath(site));
    const again = await loser.ws.lock.acquire(
      site,
      holder(winner === a ? 'Bob Oncall' : 'Ada Ops', 'chg-c'),
      await loser.ws.remoteConfig(),
      {},
    );
    expect(again.confirmed).toBe(true);
    await loser.ws.lock.release(site, 'chg-c');
    await loser.ws.sync();
  });

  it('a commit made with plain git is picked up; a file that does not parse is quarantined, the rest syncs', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'ops-ws-cli-'));
    dirs.push(clone);
    await gitNet(['clone', '-q', authUrl(server), clone]);
    expect(readFileSync(join(clone, 'README.md'), 'utf8')).toContain('team workspace');
    const path = runbookPath(site, 'ga4');
    writeFileSync(join(clone, 'hello.md'), 'from the command line\n');
    gitCli(['-C', clone, 'add', 'hello.md']);
    gitCli(['-C', clone, 'commit', '-q', '-m', 'plain commit']);
    const bad = join(clone, ...path.split('/'));
    gitCli(['-C', clone, 'checkout', '-q', 'main']);
    await import('node:fs').then((fs) => fs.mkdirSync(join(bad, '..'), { recursive: true }));
    writeFileSync(bad, '{ "schemaVersion": 1, "runbook": ');
    gitCli(['-C', clone, 'add', '-A']);
    gitCli(['-C', clone, 'commit', '-q', '-m', 'broken runbook']);
    await gitNet(['-C', clone, 'push', '-q', 'origin', 'main']);
    await a.ws.sync();
    expect(await a.ws.read('hello.md')).toBe('from the command line\n');
    expect(await a.ws.read(path)).toBeUndefined();
    const problems = a.ws.status().problems.join('\n');
    expect(problems).toMatch(/Quarantined sites\/api\.example\.com\/.*\/ga4\/runbook\.json/);
    const moved = problems.match(/moved to (quarantine\/\S+)\)/)![1]!;
    expect(await a.ws.read(moved)).toBe('{ "schemaVersion": 1, "runbook": ');
  });

  it('a planted secret is refused naming file and field, and nothing is committed', async () => {
    const before = await a.ws.repo.head();
    const path = 'sites/x/meta/versions/01JABCDEFGHJKMNPQRSTVWXYZ0.json';
    await expect(
      a.ws.commit(
        [
          {
            path,
            text: JSON.stringify({ body: { config: { accessToken: 'EAAB-live-token-123' } } }),
          },
        ],
        'leak',
      ),
    ).rejects.toMatchObject({
      error: {
        message: expect.stringMatching(
          /Refused to commit .*versions.*\.json: the field body\.config\.accessToken/,
        ),
      },
    });
    await expect(
      a.ws.commit([{ path: 'sites/x/n.txt', text: `token ${server.password}` }], 'leak 2'),
    ).rejects.toMatchObject({ error: { message: expect.stringMatching(/stored access token/) } });
    expect(await a.ws.repo.head()).toBe(before);
    expect(existsSync(join(a.dataDir, 'workspace', ...path.split('/')))).toBe(false);
  });

  it('with the server down both keep committing ("offline"); when it returns everything is pushed', async () => {
    await a.ws.sync();
    await b.ws.sync();
    await server.stop();
    for (let i = 0; i < 3; i++) {
      await a.ws.commit([{ path: `sites/x/a-${i}.txt`, text: `${i}\n` }], `a ${i}`);
      await b.ws.commit([{ path: `sites/x/b-${i}.txt`, text: `${i}\n` }], `b ${i}`);
    }
    await a.ws.sync();
    await b.ws.sync();
    expect(a.ws.status()).toMatchObject({ state: 'offline', ahead: 3 });
    expect(b.ws.status()).toMatchObject({ state: 'offline', ahead: 3 });
    await server.start();
    await a.ws.sync();
    await b.ws.sync();
    await a.ws.sync();
    for (const l of [a, b])
      for (let i = 0; i < 3; i++) {
        expect(await l.ws.read(`sites/x/a-${i}.txt`)).toBe(`${i}\n`);
        expect(await l.ws.read(`sites/x/b-${i}.txt`)).toBe(`${i}\n`);
      }
    expect(a.ws.status()).toMatchObject({ state: 'synced', ahead: 0 });
    const files = gitCli([
      '--git-dir',
      server.repoDir,
      'ls-tree',
      '-r',
      '--name-only',
      'main',
      'sites/x',
    ]);
    expect(files.split('\n').filter((f) => /\/[ab]-\d\.txt$/.test(f))).toHaveLength(6);
  });
});
