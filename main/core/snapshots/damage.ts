import type { SnapshotKey, StoreProblem } from '../../../shared/bridge/calls/snapshots-types';
import type { NewDamage } from '../damage/register';

const QUARANTINE_SUFFIX = /\.corrupt-[^/\\]*$/;

/** A quarantined snapshot file as the operator reads it: which version or mark of which target. */
export function snapshotDamage(p: StoreProblem, key: SnapshotKey): NewDamage {
  const where = `${key.target} on site ${key.siteId} (connection ${key.connectionId})`;
  const version = /^version (\d+) /.exec(p.reason)?.[1];
  return {
    store: 'snapshots',
    file: p.file.replace(QUARANTINE_SUFFIX, ''),
    movedTo: p.file,
    reason: p.reason,
    lost: version
      ? `snapshot version ${version} of ${where}`
      : `a known-good mark of ${where} (the versions themselves are intact)`,
    kept: 'every other version and mark of this target',
  };
}
