import { z } from 'zod';
import { ProviderKey } from '../../../shared/contract/providers';
import {
  Label,
  Sha256,
  SnapshotBody,
  SnapshotKey,
  VersionFields,
  VersionNo,
} from '../../../shared/bridge/calls/snapshots-types';
import { LocalId, SiteId } from '../../../shared/bridge/ids';

/** The on-disk format of one version file. Bump on any change and add a migration below. */
export const RECORD_SCHEMA_VERSION = 2;

export const VersionRecord = z.object({
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  ...SnapshotKey.shape,
  ...VersionFields,
  body: SnapshotBody,
});
export type VersionRecord = z.infer<typeof VersionRecord>;

/**
 * Schema 1 (the first prototype): provider integrations only (`provider`, no `target`), epoch-ms
 * timestamps, `hash` instead of `sha256`, and a mutable inline `knownGood` that schema 2 moved
 * into the append-only marks log (a flag inside an immutable file could not change honestly).
 */
export const VersionRecordV1 = z.object({
  schemaVersion: z.literal(1),
  connectionId: LocalId,
  siteId: SiteId,
  provider: ProviderKey,
  version: VersionNo,
  hash: Sha256,
  createdAtMs: z.number().int().nonnegative(),
  source: z.enum(['baseline', 'after_change', 'manual', 'rollback']),
  label: Label.optional(),
  knownGood: z.boolean().optional(),
  body: SnapshotBody,
});
export type VersionRecordV1 = z.infer<typeof VersionRecordV1>;

/** One known-good action: each is its own immutable file, so the history of marks is kept. */
export const MARK_SCHEMA_VERSION = 1;
export const MarkRecord = z.object({
  schemaVersion: z.literal(MARK_SCHEMA_VERSION),
  seq: z.number().int().min(1),
  version: VersionNo,
  knownGood: z.boolean(),
  note: z.string().max(500).optional(),
  at: z.iso.datetime(),
});
export type MarkRecord = z.infer<typeof MarkRecord>;
