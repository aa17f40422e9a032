import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Of } from '../../../main/core/snapshots/body';
import { migrateRecord, migrateV1 } from '../../../main/core/snapshots/migrations';
import { VersionRecordV1 } from '../../../main/core/snapshots/records';

async function fixture(): Promise<Record<string, unknown>> {
  const raw = JSON.parse(
    await fs.readFile(resolve(import.meta.dirname, 'fixtures/v1-record.json'), 'utf8'),
  ) as Record<string, unknown>;
  raw.hash = sha256Of(raw.body as Record<string, unknown>);
  return raw;
}

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
});
