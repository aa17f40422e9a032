import { targetKind, type SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import { fail, OpsFailure } from '../../../shared/bridge/errors';
import type { Operation, RestoreSource } from '../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { liveFor } from './context';
import { restoreTitle } from './restore-draft';
import type { ChangeService } from './service';
import type { AcquireOptions } from '../workspace/team-lock';

/**
 * "Restore snapshot" from the Snapshots screen, as a change: the snapshot is read first (an unknown
 * version opens nothing), then the change is started with the source in its `started` line, its
 * baseline taken and the draft seeded (ChangeService.baseline). The operator applies from Config,
 * so the mandatory test, health and monitoring run as for any change. A webhook deleted since its
 * snapshot is re-created: the change is a create (its secrets must be entered again).
 */
export async function startRestore(
  service: ChangeService,
  key: SnapshotKey,
  ref: number | string,
  lockChoice: AcquireOptions = {},
  why: { reason?: string | undefined; ticket?: string | undefined } = {},
): Promise<ChangeState> {
  const { snapshots } = service.ctx;
  const snap = await snapshots.store.get(key, ref);
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
  let operation: Operation = 'update';
  if (!open) {
    // Refused before anything is opened: a change whose draft equals live could never be applied.
    const cmp = await liveFor('a restore', () =>
      snapshots.compare(
        { ...key, version: 'live' },
        { ...key, version, id: snap.id },
        false,
        'live',
      ),
    ).catch((error: unknown) => {
      // A webhook deleted since its snapshot: the restore re-creates it (a create change).
      if (isGone(key, error)) return undefined;
      throw error;
    });
    if (!cmp) operation = 'create';
    else if (cmp.diff.identical)
      fail('validation', `The live configuration already matches v${version}; nothing to restore.`);
  }
  return service.start(key, restoreTitle(key.target, src, operation), {
    restoreOf: src,
    operation,
    lockChoice,
    ...why,
  });
}

const isGone = (key: SnapshotKey, error: unknown) =>
  targetKind(key.target) === 'webhook' &&
  error instanceof OpsFailure &&
  error.error.kind === 'not_found';
