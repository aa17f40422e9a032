import { join } from 'node:path';
import { SnapshotKey, type SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';

/**
 * Store layout, every segment derived from a validated id (LocalId, UUID, closed target charset):
 *   <dataDir>/snapshots/<connectionId>/<siteId>/<target>/000042.json   one immutable version
 *   .../<target>/marks/000007.json                                     one known-good action
 *   .../<target>/index.json                                            derived; rebuildable
 */
export function targetDirName(target: SnapshotTarget): string {
  return target.replace(':', '-');
}

export function targetDir(root: string, key: SnapshotKey): string {
  // Parse again here: this is the one function that turns ids into paths.
  const k = SnapshotKey.parse(key);
  return join(root, k.connectionId, k.siteId, targetDirName(k.target));
}

export const VERSION_FILE = /^(\d{6,})\.json$/;
/** Any file that once held a version number (including quarantined ones), so numbers are never reused. */
export const VERSION_NUMBERED = /^(\d{6,})\.json/;

export function versionFileName(version: number): string {
  return `${String(version).padStart(6, '0')}.json`;
}

export const keyId = (k: SnapshotKey): string => `${k.connectionId}/${k.siteId}/${k.target}`;
