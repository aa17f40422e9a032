import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Of, snapshotBody } from '../../../main/core/snapshots/body';
import { targetDir } from '../../../main/core/workspace/layout';
import type { Workspace } from '../../../main/core/workspace/workspace';
import { gitCli } from '../workspace/helpers';
import { KEY, metaBody, openStore, SITE, tempDir } from './helpers';

let t: ReturnType<typeof tempDir>;
let ws: Workspace | undefined;
beforeEach(() => (t = tempDir()));
afterEach(async () => {
  await ws?.close();
  t.cleanup();
});
const open = async () => {
  const r = await openStore(t.dir);
  ws = r.ws;
  return r.store;
};
const folder = () => join(t.dir, 'workspace', targetDir({ env: 'test-env', siteId: SITE }, 'meta'));

describe('snapshot store (team workspace)', () => {
  it('orders versions, dedupes the same content by hash, and records the author', async () => {
    const s = await open();
    const a = await s.append(KEY, { body: metaBody(), source: 'baseline' });
    const again = await s.append(KEY, { body: { ...metaBody() }, source: 'manual' });
    expect(a.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.meta.version).toBe(1);
    const b = await s.append(KEY, {
      body: metaBody({ testMode: true }),
      source: 'manual',
      label: 'test on',
    });
    expect(b.meta.version).toBe(2);
    const reordered = Object.fromEntries(Object.entries(metaBody({ testMode: true })).reverse());
    expect((await s.append(KEY, { body: reordered, source: 'manual' })).created).toBe(false);
    expect((await s.list(KEY)).map((m) => m.version)).toEqual([2, 1]);
    expect(a.meta.sha256).toBe(sha256Of(metaBody()));
    expect(a.meta.author).toBe('Ada Ops');
    expect(a.meta.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    // Each version is one commit, authored by the operator.
    const log = gitCli(['--git-dir', join(t.dir, 'workspace.git'), 'log', '--format=%an|%s']);
    expect(log).toMatch(/Ada Ops\|Snapshot meta of .* \(manual: test on\)/);
  });

  it('never rewrites a version file; each mark or unmark is its own file', async () => {
    const s = await open();
    const v1 = await s.append(KEY, { body: metaBody(), source: 'baseline' });
    const file = join(folder(), 'versions', `${v1.meta.id}.json`);
    const bytes = await fs.readFile(file, 'utf8');
    await s.append(KEY, { body: metaBody({ enabled: false }), source: 'manual' });
    await s.mark(KEY, 1, true, 'verified after launch');
    await s.mark(KEY, 1, false);
    await s.mark(KEY, v1.meta.id, true);
    expect(await fs.readFile(file, 'utf8')).toBe(bytes);
    expect((await fs.readdir(join(folder(), 'marks'))).length).toBe(3);
    await ws!.close();
    const fresh = await open();
    const m = (await fresh.list(KEY)).find((x) => x.version === 1)!;
    expect(m).toMatchObject({ knownGood: true, knownGoodBy: 'Ada Ops' });
    expect((await fresh.knownGood(KEY))?.id).toBe(v1.meta.id);
  });

  it('masks secrets and strips server bookkeeping before storing', () => {
    const body = snapshotBody('ga4', {
      enabled: true,
      updatedAt: 'x',
      provider: 'ga4',
      config: { measurementId: 'G-ABCD1234', apiSecret: 'supersecretvalue1234' },
    });
    expect(body).toEqual({
      enabled: true,
      config: { measurementId: 'G-ABCD1234', apiSecret: '••••1234' },
    });
    const hook = snapshotBody('webhook:abc', {
      id: 'abc',
      name: 'n',
      authType: 'bearer',
      authConfig: { token: 'tok_0123456789ab' },
    });
    expect(hook).toEqual({ name: 'n', authType: 'bearer', authConfig: { token: '••••89ab' } });
  });

  it('refuses to store a body whose secret is not masked, naming the field', async () => {
    const s = await open();
    await expect(
      s.append(KEY, {
        body: metaBody({ config: { pixelId: '1', accessToken: 'EAAB-live' } }),
        source: 'manual',
      }),
    ).rejects.toMatchObject({
      error: { message: expect.stringMatching(/field body\.config\.accessToken/) },
    });
    expect(await s.list(KEY)).toEqual([]);
  });

  it('a version torn on this disk is put back from the repository; one damaged in the history is quarantined and the others keep serving', async () => {
    const s = await open();
    for (let i = 0; i < 3; i++) await s.append(KEY, { body: metaBody({ n: i }), source: 'manual' });
    const names = (await fs.readdir(join(folder(), 'versions'))).sort();
    const file = join(folder(), 'versions', names[1]!);
    const intact = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, '{"schemaVersion":1,"id');
    await ws!.close();
    const restored = await open();
    expect((await restored.list(KEY)).map((m) => m.version)).toEqual([3, 2, 1]);
    expect(await fs.readFile(file, 'utf8')).toBe(intact);
    const beside = await fs.readdir(join(folder(), 'versions'));
    expect(beside.filter((n) => n.startsWith(`${names[1]}.corrupt-`))).toHaveLength(1);

    // Damaged in the history too (committed by another tool): moved to quarantine/ in a commit.
    const path = `${targetDir({ env: 'test-env', siteId: SITE }, 'meta')}/versions/${names[1]}`;
    await ws!.repo.commit([{ path, text: '{"schemaVersion":1,"id' }], 'Torn by hand');
    await ws!.close();
    const fresh = await open();
    expect((await fresh.list(KEY)).map((m) => m.version)).toEqual([2, 1]);
    expect((await fresh.get(KEY, 2)).body.n).toBe(2);
    const tree = gitCli([
      '--git-dir',
      join(t.dir, 'workspace.git'),
      'ls-tree',
      '-r',
      '--name-only',
      'HEAD',
    ]);
    expect(tree.split('\n')).not.toContain(path);
    expect(tree).toMatch(new RegExp(`^quarantine/[^/]+/${path.replace(/[.]/g, '\\.')}$`, 'm'));
  });

  it('serializes concurrent takes on one target', async () => {
    const s = await open();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.append(KEY, { body: metaBody({ n: i }), source: 'manual' }),
      ),
    );
    expect(new Set(results.map((r) => r.meta.id)).size).toBe(20);
    await ws!.close();
    expect((await (await open()).list(KEY)).length).toBe(20);
  });
});
