import { join } from 'node:path';
import { z } from 'zod';
import {
  ChangeId,
  Label,
  Sha256,
  SnapshotSource,
  VersionNo,
} from '../../../shared/bridge/calls/snapshots-types';
import { writeFileAtomic } from '../../base/atomic-file';
import { loadJsonFile } from '../fs/json-file';

/**
 * The per-target index: a derived cache of every version's metadata so a history lists without
 * opening thousands of files. Anything missing from it is read from the version files; a broken
 * index is moved aside and rebuilt from them. It never holds bodies.
 */
export const INDEX_SCHEMA_VERSION = 1;
export const IndexEntry = z.object({
  version: VersionNo,
  sha256: Sha256,
  createdAt: z.string(),
  source: SnapshotSource,
  label: Label.optional(),
  changeId: ChangeId.optional(),
  /** Carried over from a schema-1 file (inline flag), applied before the marks log. */
  legacyKnownGood: z.boolean().optional(),
});
export type IndexEntry = z.infer<typeof IndexEntry>;

const IndexFile = z.object({
  schemaVersion: z.literal(INDEX_SCHEMA_VERSION),
  entries: z.array(IndexEntry),
  /** Version files written by a newer app: listed so they are not re-read on every open. */
  skippedNewer: z.array(z.number().int()).default([]),
});
export type IndexFile = z.infer<typeof IndexFile>;

export const indexPath = (dir: string) => join(dir, 'index.json');

export type IndexLoad =
  { state: 'ok'; index: IndexFile } | { state: 'missing' } | { state: 'broken'; reason: string };

export async function readIndex(dir: string): Promise<IndexLoad> {
  const loaded = await loadJsonFile(indexPath(dir), IndexFile);
  if (loaded.state === 'ok') return { state: 'ok', index: loaded.value };
  if (loaded.state === 'missing') return loaded;
  return { state: 'broken', reason: `index ${loaded.reason}; rebuilt from the version files` };
}

export async function writeIndex(
  dir: string,
  entries: IndexEntry[],
  skippedNewer: number[],
): Promise<void> {
  // Compact JSON: with 10,000 versions the pretty form would double the parse time.
  const value: IndexFile = { schemaVersion: INDEX_SCHEMA_VERSION, entries, skippedNewer };
  await writeFileAtomic(indexPath(dir), JSON.stringify(value));
}
