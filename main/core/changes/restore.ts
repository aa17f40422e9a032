import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import { fail } from '../../../shared/bridge/errors';
import type { RestoreSource } from '../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { restoreTitle } from './restore-draft';
import type { ChangeService } from './service';
import type { AcquireOptions } from '../workspace/team-lock';

/**
 * "Restore snapshot" from the Snapshots screen, as a change: the snapshot is read first (an unknown
 * version opens nothing), then the change is started with the source in its `started` line, its
 * baseline taken and the draft seeded (ChangeService.baseline). The operator applies from Config,
 * so the mandatory test, health and monitoring run as for any change.
 */
export async function startRestore(
  service: ChangeService,
  key: SnapshotKey,
  ref: number | string,
  lockChoice: AcquireOptions = {},
): Promise<ChangeState> {
  const { invoke } = service.ctx;
  const snap = await invoke(
    'snapshots.get',
    typeof ref === 'number' ? { ...key, version: ref } : { ...key, version: 1, id: ref },
  );
  const version = snap.version;
  // Pull first: the restore decides on the team's latest history (and the lock).
  await service.ctx.workspace.pullBefore();
  const src: RestoreSource = {
    version,
    id: snap.id,
    sha256: snap.sha256,
    knownGood: snap.knownGood,
    ...(snap.label ? { label: snap.label } : {}),
  };
  const open = service.openOn(key.connectionId, key.siteId);
  // A retry (a reload while it ran, a baseline that failed offline) resumes its own change, unapplied.
  if (
    open &&
    open.target === key.target &&
    open.restoreOf?.sha256 === src.sha256 &&
    !open.applied &&
    !open.pendingIntent &&
    open.applyCount === 0
  )
    return service.resumeRestore(open.id);
  if (!open) {
    // Refused before anything is opened: a change whose draft equals live could never be applied.
    const cmp = await invoke('snapshots.compare', {
      a: { ...key, version: 'live' },
      b: { ...key, version, id: snap.id },
      withTraffic: false,
    });
    if (cmp.a.label === 'live' && cmp.diff.identical)
      fail('validation', `The live configuration already matches v${version}; nothing to restore.`);
  }
  return service.start(key, restoreTitle(key.target, src), src, lockChoice);
}
