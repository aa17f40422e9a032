import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import { sha256Of } from './body';
import { migrateRecord } from './migrations';
import type { VersionRecord } from './records';

export type VersionRead =
  | { kind: 'ok'; record: VersionRecord; legacyKnownGood?: boolean }
  | { kind: 'newer'; reason: string }
  | { kind: 'corrupt'; reason: string }
  | { kind: 'missing' };

/**
 * Read and check one version file: JSON, schema (through migrations), that it belongs where it
 * lies (key and number match its path, so a file copied into the wrong folder is not trusted) and
 * that its body still hashes to its recorded sha-256.
 */
export async function readVersion(
  dir: string,
  name: string,
  key: SnapshotKey,
  version: number,
): Promise<VersionRead> {
  let text: string;
  try {
    text = await fs.readFile(join(dir, name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      kind: 'corrupt',
      reason: text.trim() === '' ? 'empty file' : 'not valid JSON (truncated or corrupted)',
    };
  }
  const m = migrateRecord(raw);
  if (m.kind === 'newer')
    return {
      kind: 'newer',
      reason: `written by a newer app version (schema ${m.schemaVersion}); left untouched`,
    };
  if (m.kind === 'invalid')
    return { kind: 'corrupt', reason: `does not match the snapshot format (${m.reason})` };
  const r = m.record;
  if (
    r.connectionId !== key.connectionId ||
    r.siteId !== key.siteId ||
    r.target !== key.target ||
    r.version !== version
  )
    return {
      kind: 'corrupt',
      reason: 'its content names another connection, site, target or version than its location',
    };
  if (sha256Of(r.body) !== r.sha256)
    return {
      kind: 'corrupt',
      reason: 'its body no longer matches its sha-256 (altered or damaged)',
    };
  return m.legacyKnownGood === undefined
    ? { kind: 'ok', record: r }
    : { kind: 'ok', record: r, legacyKnownGood: m.legacyKnownGood };
}

/** Run `fn` over `items` with at most `limit` in flight: thousands of parallel opens exhaust descriptors. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
