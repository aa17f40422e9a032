import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Of, snapshotBody } from '../../../main/core/snapshots/body';
import { targetDir } from '../../../main/core/snapshots/paths';
import { SnapshotStore } from '../../../main/core/snapshots/store';
import { KEY, metaBody, tempDir } from './helpers';

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => t.cleanup());
const open = () => new SnapshotStore(t.dir, { indexDelayMs: 0 });

describe('snapshot store', () => {
  it('numbers versions monotonically and dedupes the same content by hash', async () => {
    const s = open();
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
    // Key order does not matter: canonical JSON.
    const reordered = Object.fromEntries(Object.entries(metaBody({ testMode: true })).reverse());
    expect((await s.append(KEY, { body: reordered, source: 'manual' })).created).toBe(false);
    expect((await s.list(KEY)).map((m) => m.version)).toEqual([2, 1]);
    expect(a.meta.sha256).toBe(sha256Of(metaBody()));
  });

  it('never overwrites a version file: content and bytes stay as first written', async () => {
    const s = open();
    await s.append(KEY, { body: metaBody(), source: 'baseline' });
    const file = join(targetDir(t.dir, KEY), '000001.json');
    const bytes = await fs.readFile(file, 'utf8');
    await s.append(KEY, { body: metaBody({ enabled: false }), source: 'manual' });
    await s.mark(KEY, 1, true, 'verified after launch');
    await s.mark(KEY, 1, false);
    await s.mark(KEY, 1, true);
    expect(await fs.readFile(file, 'utf8')).toBe(bytes);
    // Known-good lives in its own append-only log: three actions, three files.
    expect((await fs.readdir(join(targetDir(t.dir, KEY), 'marks'))).length).toBe(3);
    const fresh = open();
    const v1 = (await fresh.list(KEY)).find((m) => m.version === 1)!;
    expect(v1.knownGood).toBe(true);
    expect((await fresh.knownGood(KEY))?.version).toBe(1);
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

  it('rebuilds a missing or broken index from the version files', async () => {
    const s = open();
    for (let i = 0; i < 5; i++) await s.append(KEY, { body: metaBody({ n: i }), source: 'manual' });
    await s.flush();
    const dir = targetDir(t.dir, KEY);
    await fs.writeFile(join(dir, 'index.json'), '{"schemaVersion":1,"entr');
    const fresh = open();
    expect((await fresh.list(KEY)).map((m) => m.version)).toEqual([5, 4, 3, 2, 1]);
    expect(fresh.problems(KEY).some((p) => p.action === 'index_rebuilt')).toBe(true);
    await fs.rm(join(dir, 'index.json'));
    expect((await open().list(KEY)).length).toBe(5);
  });

  it('quarantines a corrupt version file and keeps serving the others', async () => {
    const s = open();
    for (let i = 0; i < 4; i++) await s.append(KEY, { body: metaBody({ n: i }), source: 'manual' });
    await s.flush();
    const dir = targetDir(t.dir, KEY);
    await fs.writeFile(join(dir, '000002.json'), '{"schemaVersion":2,"conn'); // truncated
    // Tampered: valid JSON, body no longer matches its hash.
    const v3 = JSON.parse(await fs.readFile(join(dir, '000003.json'), 'utf8'));
    v3.body.eventMapping.purchase = 'Lead';
    await fs.writeFile(join(dir, '000003.json'), JSON.stringify(v3));
    await fs.rm(join(dir, 'index.json'));

    const fresh = open();
    expect((await fresh.list(KEY)).map((m) => m.version)).toEqual([4, 1]);
    const names = await fs.readdir(dir);
    expect(names.filter((n) => n.includes('.corrupt-')).length).toBe(2);
    expect(
      fresh
        .problems(KEY)
        .filter((p) => p.action === 'quarantined')
        .map((p) => p.reason),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining('not valid JSON'),
        expect.stringContaining('sha-256'),
      ]),
    );
    expect((await fresh.get(KEY, 4)).body.n).toBe(3);
    // Numbers are never reused after a quarantine.
    expect(
      (await fresh.append(KEY, { body: metaBody({ n: 99 }), source: 'manual' })).meta.version,
    ).toBe(5);
  });

  it('detects a file damaged after indexing when it is opened', async () => {
    const s = open();
    await s.append(KEY, { body: metaBody({ n: 1 }), source: 'manual' });
    await s.append(KEY, { body: metaBody({ n: 2 }), source: 'manual' });
    await s.flush();
    await fs.writeFile(join(targetDir(t.dir, KEY), '000001.json'), 'garbage');
    const fresh = open();
    expect((await fresh.list(KEY)).length).toBe(2); // the index is trusted for listing
    await expect(fresh.get(KEY, 1)).rejects.toThrow(/moved aside/);
    expect((await fresh.list(KEY)).map((m) => m.version)).toEqual([2]);
    expect((await fresh.get(KEY, 2)).body.n).toBe(2);
  });

  it('leaves a version written by a newer app untouched and reports it', async () => {
    const s = open();
    await s.append(KEY, { body: metaBody(), source: 'manual' });
    const dir = targetDir(t.dir, KEY);
    const future = JSON.stringify({ schemaVersion: 9, whatever: true });
    await fs.writeFile(join(dir, '000002.json'), future);
    const fresh = open();
    expect((await fresh.list(KEY)).map((m) => m.version)).toEqual([1]);
    expect(fresh.problems(KEY)[0]?.action).toBe('skipped_newer');
    expect(await fs.readFile(join(dir, '000002.json'), 'utf8')).toBe(future);
    expect(
      (await fresh.append(KEY, { body: metaBody({ x: 1 }), source: 'manual' })).meta.version,
    ).toBe(3);
  });

  it('refuses hostile ids before they become paths', () => {
    expect(() => targetDir(t.dir, { ...KEY, connectionId: '../etc' })).toThrow();
    expect(() => targetDir(t.dir, { ...KEY, target: 'webhook:../../x' })).toThrow();
    expect(() => targetDir(t.dir, { ...KEY, siteId: '__proto__' })).toThrow();
  });

  it('serializes concurrent takes on one target', async () => {
    const s = open();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.append(KEY, { body: metaBody({ n: i }), source: 'manual' }),
      ),
    );
    expect(new Set(results.map((r) => r.meta.version)).size).toBe(20);
    expect((await open().list(KEY)).length).toBe(20);
  });
});
