import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import { fail } from '../../../shared/bridge/errors';
import type { RestoreSource } from '../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { liveFor } from './context';
import { restoreTitle } from './restore-draft';
import type { ChangeService } from './service';

/**
 * "Restore snapshot" from the Snapshots screen, as a change: the snapshot is read first (an unknown
 * version opens nothing), then the change is started with the source in its `started` line, its
 * baseline taken and the draft seeded (ChangeService.baseline). The operator applies from Config,
 * so the mandatory test, health and monitoring run as for any change.
 */
export async function startRestore(
  service: ChangeService,
  key: SnapshotKey,
  version: number,
): Promise<ChangeState> {
  const { snapshots } = service.ctx;
  const snap = await snapshots.store.get(key, version);
  const src: RestoreSource = {
    version,
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
    const cmp = await liveFor('a restore', () =>
      snapshots.compare({ ...key, version: 'live' }, { ...key, version }, false, 'live'),
    );
    if (cmp.diff.identical)
      fail('validation', `The live configuration already matches v${version}; nothing to restore.`);
  }
  return service.start(key, restoreTitle(key.target, src), src);
}
