import { z } from 'zod';
import { ConfigDiff } from '../../domain/diff/schema';
import { call } from '../define';
import { LocalId, SiteId } from '../ids';
import {
  ChangeId,
  Label,
  Snapshot,
  SnapshotKey,
  SnapshotMeta,
  StoreProblem,
  TakeSource,
  TargetSummary,
  VersionNo,
} from './snapshots-types';

export * from './snapshots-types';

/** A version of a target, or its live state read from the API now. */
const Ref = SnapshotKey.extend({ version: z.union([VersionNo, z.literal('live')]) });
export type SnapshotRef = z.infer<typeof Ref>;

/** Import bundles are pasted or picked files: capped so a hostile 100 MB paste is refused at the bridge. */
export const BUNDLE_MAX_CHARS = 5_000_000;

export const ImportReport = z.object({
  /** False when anything was refused: an import is all-or-nothing, so nothing was written. */
  written: z.boolean(),
  imported: z.array(SnapshotMeta),
  skippedDuplicates: z.array(
    z.object({
      item: z.number().int(),
      target: z.string(),
      sha256: z.string(),
      existingVersion: z.number().int(),
    }),
  ),
  refused: z.array(z.object({ item: z.number().int(), reason: z.string() })),
  notes: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const DriftReport = z.object({
  checkedAt: z.string(),
  knownGood: SnapshotMeta.optional(),
  drifted: z.boolean(),
  liveSha256: z.string().optional(),
  diff: ConfigDiff.optional(),
});
export type DriftReport = z.infer<typeof DriftReport>;

export const snapshotsCalls = {
  'snapshots.targets': call(
    z.object({ connectionId: LocalId, siteId: SiteId }),
    z.array(TargetSummary),
  ),
  'snapshots.list': call(
    SnapshotKey.extend({
      limit: z.number().int().min(1).max(20_000).default(500),
      offset: z.number().int().min(0).default(0),
    }),
    z.object({
      total: z.number().int(),
      versions: z.array(SnapshotMeta),
      problems: z.array(StoreProblem),
    }),
  ),
  'snapshots.get': call(SnapshotKey.extend({ version: VersionNo }), Snapshot),
  'snapshots.take': call(
    SnapshotKey.extend({
      source: TakeSource,
      label: Label.optional(),
      changeId: ChangeId.optional(),
    }),
    z.object({ snapshot: SnapshotMeta, created: z.boolean(), stale: z.boolean() }),
  ),
  'snapshots.compare': call(
    z.object({ a: Ref, b: Ref, withTraffic: z.boolean().default(true) }),
    z.object({
      diff: ConfigDiff,
      a: z.object({ label: z.string(), body: z.record(z.string(), z.unknown()) }),
      b: z.object({ label: z.string(), body: z.record(z.string(), z.unknown()) }),
      trafficKnown: z.boolean(),
    }),
  ),
  'snapshots.markKnownGood': call(
    SnapshotKey.extend({
      version: VersionNo,
      knownGood: z.boolean(),
      note: z.string().trim().max(500).optional(),
    }),
    SnapshotMeta,
  ),
  'snapshots.export': call(
    z.object({
      items: z
        .array(SnapshotKey.extend({ versions: z.array(VersionNo).max(20_000).optional() }))
        .min(1)
        .max(200),
    }),
    z.object({ bundle: z.string(), count: z.number().int(), fileName: z.string() }),
  ),
  'snapshots.import': call(
    z.object({
      bundle: z
        .string()
        .max(BUNDLE_MAX_CHARS, `a bundle is at most ${BUNDLE_MAX_CHARS / 1_000_000} MB of text`),
      /** Re-home every item onto this connection x site (e.g. a bundle from a colleague's machine). */
      into: z.object({ connectionId: LocalId, siteId: SiteId }).optional(),
    }),
    ImportReport,
  ),
  /** Drift is read live: with the API unreachable it is an error ("drift unknown"), never cached. */
  'snapshots.drift': call(SnapshotKey, DriftReport),
};

/** Emitted after anything wrote to a target's history, so open screens refresh. */
export const snapshotsEvents = {
  'snapshots.changed': SnapshotKey.extend({ version: z.number().int().optional() }),
};
