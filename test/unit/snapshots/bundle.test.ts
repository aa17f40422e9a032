import { promises as fs } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBundle, importBundle } from '../../../main/core/snapshots/bundle';
import type { SnapshotStore } from '../../../main/core/snapshots/store';
import type { Workspace } from '../../../main/core/workspace/workspace';
import { BUNDLE_MAX_CHARS } from '../../../shared/bridge/calls/snapshots';
import { KEY, metaBody, openStore, SITE, tempDir } from './helpers';

let t: ReturnType<typeof tempDir>;
let store: SnapshotStore;
const open: Workspace[] = [];
beforeEach(async () => {
  t = tempDir();
  const r = await openStore(t.dir);
  open.push(r.ws);
  store = r.store;
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((w) => w.close()));
  t.cleanup();
});

async function sampleBundle(): Promise<Record<string, any>> {
  await store.append(KEY, { body: metaBody(), source: 'baseline', label: 'launch' });
  await store.append(KEY, { body: metaBody({ testMode: true }), source: 'manual' });
  const { bundle } = await exportBundle(store, [KEY], new Date('2026-11-01T10:00:00Z'));
  return JSON.parse(bundle) as Record<string, any>;
}

async function fileCount(): Promise<number> {
  const all = await fs.readdir(t.dir, { recursive: true });
  return all.filter((n) => n.endsWith('.json')).length;
}

describe('export and import', () => {
  it('round-trips into another store and skips duplicates by hash', async () => {
    const bundle = await sampleBundle();
    expect(bundle.items).toHaveLength(2);
    const other = tempDir();
    const r = await openStore(other.dir);
    open.push(r.ws);
    const target = r.store;
    const first = await importBundle(target, JSON.stringify(bundle), undefined);
    expect(first.report).toMatchObject({ written: true, refused: [], skippedDuplicates: [] });
    expect(first.report.imported.map((m) => m.source)).toEqual(['import', 'import']);
    const again = await importBundle(target, JSON.stringify(bundle), undefined);
    expect(again.report.imported).toEqual([]);
    expect(again.report.skippedDuplicates.map((d) => d.existingVersion)).toEqual([1, 2]);
    // Re-homed onto another site.
    const into = await importBundle(target, JSON.stringify(bundle), {
      connectionId: 'prod',
      siteId: SITE,
    });
    expect(into.report.imported.every((m) => m.connectionId === 'prod')).toBe(true);
    other.cleanup();
  });

  const hostile: [string, (b: Record<string, any>) => string, RegExp][] = [
    ['not JSON', () => '{"format": "integration-ops/snap', /not valid JSON/],
    [
      'wrong format',
      (b) => JSON.stringify({ ...b, format: 'something-else' }),
      /does not match the snapshot bundle format/,
    ],
    [
      'wrong schema',
      (b) => JSON.stringify({ ...b, items: [{ ...b.items[0], version: 'one' }] }),
      /does not match/,
    ],
    [
      'extra item keys',
      (b) => JSON.stringify({ ...b, items: [{ ...b.items[0], evil: 1 }] }),
      /does not match/,
    ],
    [
      '__proto__ key',
      (b) =>
        JSON.stringify(b)
          .replace('"enabled":true', '"__proto__":{"polluted":true},"enabled":true')
          .replace('"enabled": true', '"__proto__": {"polluted": true}, "enabled": true'),
      /forbidden key "__proto__"/,
    ],
    [
      'constructor key',
      (b) =>
        JSON.stringify({
          ...b,
          items: [
            {
              ...b.items[0],
              body: { ...b.items[0].body, config: { constructor: { prototype: 1 } } },
            },
          ],
        }),
      /forbidden key "constructor"/,
    ],
    [
      'deep nesting',
      (b) =>
        JSON.stringify({
          ...b,
          items: [{ ...b.items[0], body: { x: JSON.parse('['.repeat(200) + ']'.repeat(200)) } }],
        }),
      /nesting deeper/,
    ],
    ['huge', () => ' '.repeat(BUNDLE_MAX_CHARS + 1), /too large/],
  ];
  for (const [name, make, message] of hostile) {
    it(`refuses a bundle with ${name} and writes nothing`, async () => {
      const b = await sampleBundle();
      const before = await fileCount();
      await expect(
        importBundle(store, make(b), { connectionId: 'other', siteId: SITE }),
      ).rejects.toThrow(message);
      expect(await fileCount()).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('refuses the whole bundle when one item carries a secret, naming the item and the field', async () => {
    const b = await sampleBundle();
    b.items[1].body.config.accessToken = 'EAABrealtokenvalue123456';
    const before = await fileCount();
    const { report } = await importBundle(store, JSON.stringify(b), {
      connectionId: 'other',
      siteId: SITE,
    });
    expect(report.written).toBe(false);
    expect(report.imported).toEqual([]);
    expect(report.refused).toEqual([
      { item: 1, reason: expect.stringContaining('config.accessToken') },
    ]);
    expect(await fileCount()).toBe(before);
  });

  it('refuses an item altered after export (hash mismatch) and an invalid body', async () => {
    const b = await sampleBundle();
    b.items[0].body.eventMapping.purchase = 'Lead';
    b.items[1].body.config = 'not an object';
    const { report } = await importBundle(store, JSON.stringify(b), {
      connectionId: 'other',
      siteId: SITE,
    });
    expect(report.refused.map((r) => r.item)).toEqual([0, 1]);
    expect(report.refused[0]!.reason).toMatch(/sha-256/);
    expect(report.refused[1]!.reason).toMatch(/not a valid provider configuration/);
  });
});
