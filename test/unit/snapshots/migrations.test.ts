import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Of } from '../../../main/core/snapshots/body';
import { migrateRecord, migrateV1 } from '../../../main/core/snapshots/migrations';
import { targetDir } from '../../../main/core/snapshots/paths';
import { VersionRecordV1 } from '../../../main/core/snapshots/records';
import { SnapshotStore } from '../../../main/core/snapshots/store';
import { KEY, tempDir } from './helpers';

async function fixture(): Promise<Record<string, unknown>> {
  const raw = JSON.parse(
    await fs.readFile(resolve(import.meta.dirname, 'fixtures/v1-record.json'), 'utf8'),
  ) as Record<string, unknown>;
  raw.hash = sha256Of(raw.body as Record<string, unknown>);
  return raw;
}

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => t.cleanup());

describe('version file migrations', () => {
  it('maps schema 1 to schema 2 as a pure function', async () => {
    const v1 = VersionRecordV1.parse(await fixture());
    const before = structuredClone(v1);
    const { record, legacyKnownGood } = migrateV1(v1);
    expect(v1).toEqual(before); // input untouched
    expect(record).toMatchObject({
      schemaVersion: 2,
      target: 'meta',
      sha256: v1.hash,
      createdAt: '2026-01-05T09:00:00.000Z',
      source: 'baseline',
      label: 'launch config',
    });
    expect(record).not.toHaveProperty('knownGood');
    expect(legacyKnownGood).toBe(true);
  });

  it('classifies newer and invalid files without touching them', () => {
    expect(migrateRecord({ schemaVersion: 3 })).toEqual({ kind: 'newer', schemaVersion: 3 });
    expect(migrateRecord({}).kind).toBe('invalid');
    expect(migrateRecord({ schemaVersion: 1, provider: 'nope' }).kind).toBe('invalid');
  });

  it('serves a schema-1 file from disk with its known-good flag, and marks override it', async () => {
    const dir = targetDir(t.dir, KEY);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(join(dir, '000001.json'), JSON.stringify(await fixture()));
    const store = new SnapshotStore(t.dir, { indexDelayMs: 0 });
    const [m] = await store.list(KEY);
    expect(m).toMatchObject({ version: 1, knownGood: true, source: 'baseline' });
    expect((await store.get(KEY, 1)).body.eventMapping).toEqual({ purchase: 'Purchase' });
    await store.mark(KEY, 1, false, 'superseded');
    expect((await new SnapshotStore(t.dir).list(KEY))[0]?.knownGood).toBe(false);
  });
});
