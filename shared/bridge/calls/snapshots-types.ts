import { z } from 'zod';
import { ProviderKey } from '../../contract/providers';
import { LocalId, SiteId } from '../ids';

/**
 * What a snapshot is of: one provider integration, one webhook (`webhook:<id>`), or the data layer.
 * The charset is closed because targets become folder names in the store.
 */
export const SnapshotTarget = z.union([
  ProviderKey,
  z.literal('data-layer'),
  z.string().regex(/^webhook:[A-Za-z0-9_-]{1,128}$/, 'a webhook target looks like webhook:<id>'),
]);
export type SnapshotTarget = z.infer<typeof SnapshotTarget>;

export type TargetKind = 'provider' | 'webhook' | 'data-layer';
export function targetKind(target: SnapshotTarget): TargetKind {
  if (target === 'data-layer') return 'data-layer';
  return target.startsWith('webhook:') ? 'webhook' : 'provider';
}

export const SnapshotSource = z.enum(['baseline', 'after_change', 'manual', 'import', 'rollback']);
export type SnapshotSource = z.infer<typeof SnapshotSource>;
/** Sources a caller may ask for; `import` and `rollback` are set by their own calls only. */
export const TakeSource = z.enum(['baseline', 'after_change', 'manual']);

export const SnapshotKey = z.object({
  connectionId: LocalId,
  siteId: SiteId,
  target: SnapshotTarget,
});
export type SnapshotKey = z.infer<typeof SnapshotKey>;

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha-256 in lowercase hex');
export const Label = z.string().trim().max(200);
export const ChangeId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a change id has letters, digits, "-" and "_" only');
export const VersionNo = z.number().int().min(1).max(1_000_000_000);
/** A version's permanent name in the team workspace (a ULID). */
export const VersionId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a version id (ULID)');

/**
 * What every stored version carries, wherever it is held (the index, a version file on disk, an
 * export bundle item): one definition so the three formats cannot drift apart.
 */
export const VersionFields = {
  version: VersionNo,
  sha256: Sha256,
  createdAt: z.iso.datetime(),
  source: SnapshotSource,
  label: Label.optional(),
  changeId: ChangeId.optional(),
};

/** A version without its body: what lists and the index hold. */
export const SnapshotMeta = SnapshotKey.extend({
  ...VersionFields,
  /** The version's permanent name (a ULID); `version` is its order in the merged history. */
  id: VersionId,
  /** Who took it (the git author) and who last marked it. */
  author: z.string().optional(),
  knownGoodBy: z.string().optional(),
  knownGood: z.boolean(),
  /** When and why known-good was last set or cleared (from the marks log). */
  knownGoodAt: z.string().optional(),
  knownGoodNote: z.string().optional(),
});
export type SnapshotMeta = z.infer<typeof SnapshotMeta>;

export const SnapshotBody = z.record(z.string(), z.unknown());
export const Snapshot = SnapshotMeta.extend({ body: SnapshotBody });
export type Snapshot = z.infer<typeof Snapshot>;

/** A file the store could not use: quarantined, or written by a newer app version and left alone. */
export const StoreProblem = z.object({
  file: z.string(),
  action: z.enum(['quarantined', 'skipped_newer', 'index_rebuilt', 'unreadable']),
  reason: z.string(),
  at: z.string(),
});
export type StoreProblem = z.infer<typeof StoreProblem>;

export const TargetSummary = z.object({
  target: SnapshotTarget,
  count: z.number().int(),
  latest: SnapshotMeta.optional(),
  knownGood: SnapshotMeta.optional(),
});
export type TargetSummary = z.infer<typeof TargetSummary>;
