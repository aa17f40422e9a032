import {
  RECORD_SCHEMA_VERSION,
  VersionRecord,
  VersionRecordV1,
  type VersionRecord as Record2,
} from './records';

/**
 * Explicit, pure migrations of version files, applied in memory on read (files are immutable and
 * never rewritten). A file from a newer app version is reported and left untouched, never
 * "migrated down" or overwritten.
 */
export type Migrated =
  | {
      kind: 'ok';
      record: Record2;
      /** A known-good flag carried by an old format, to seed the marks log. */ legacyKnownGood?: boolean;
    }
  | { kind: 'newer'; schemaVersion: number }
  | { kind: 'invalid'; reason: string };

export function migrateV1(v1: VersionRecordV1): { record: Record2; legacyKnownGood?: boolean } {
  const record: Record2 = {
    schemaVersion: RECORD_SCHEMA_VERSION,
    connectionId: v1.connectionId,
    siteId: v1.siteId,
    target: v1.provider,
    version: v1.version,
    sha256: v1.hash,
    createdAt: new Date(v1.createdAtMs).toISOString(),
    source: v1.source,
    ...(v1.label !== undefined ? { label: v1.label } : {}),
    body: v1.body,
  };
  return v1.knownGood === undefined ? { record } : { record, legacyKnownGood: v1.knownGood };
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const i = error.issues[0];
  return i ? `${i.path.map(String).join('.') || 'root'}: ${i.message}` : 'invalid';
}

export function migrateRecord(raw: unknown): Migrated {
  const schemaVersion =
    typeof raw === 'object' && raw !== null
      ? (raw as { schemaVersion?: unknown }).schemaVersion
      : undefined;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion))
    return { kind: 'invalid', reason: 'no schemaVersion' };
  if (schemaVersion > RECORD_SCHEMA_VERSION) return { kind: 'newer', schemaVersion };
  if (schemaVersion === 1) {
    const p = VersionRecordV1.safeParse(raw);
    return p.success
      ? { kind: 'ok', ...migrateV1(p.data) }
      : { kind: 'invalid', reason: firstIssue(p.error) };
  }
  if (schemaVersion === RECORD_SCHEMA_VERSION) {
    const p = VersionRecord.safeParse(raw);
    return p.success
      ? { kind: 'ok', record: p.data }
      : { kind: 'invalid', reason: firstIssue(p.error) };
  }
  return { kind: 'invalid', reason: `unknown schemaVersion ${schemaVersion}` };
}
