import { fail } from '../../../shared/bridge/errors';
import type { RestoreResult } from '../../../shared/bridge/calls/snapshots';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import type { Invoke } from '../feature';
import { sha256Of, snapshotBody } from './body';
import { readLive, runTest, writeLive } from './live';
import type { SnapshotStore, VersionRef } from './store';

/**
 * The engine of the change workflow's "Restore snapshot" rollback (main/core/changes/rollback.ts),
 * which must contain damage in one click: before-snapshot of live, PUT the stored body with If-Match
 * of a fresh read (a concurrent edit gets a conflict, not an overwrite), after-snapshot (source
 * `rollback`), then the mandatory test. The test result is returned, pass or fail. The Snapshots
 * screen does not call this: its restore opens a change (changes.startRestore).
 */
export async function restoreVersion(
  store: SnapshotStore,
  invoke: Invoke,
  key: SnapshotKey,
  ref: VersionRef,
): Promise<RestoreResult> {
  const snap = await store.get(key, ref);
  const version = snap.version;
  const live = await readLive(invoke, key);
  if (live.stale)
    fail(
      'offline',
      `The API is unreachable (${live.staleReason ?? 'offline'}); a restore needs a fresh read of the live configuration.`,
    );
  const liveBody = snapshotBody(key.target, live.body);
  if (sha256Of(liveBody) === snap.sha256)
    fail('validation', `The live configuration already matches v${version}; nothing to restore.`);

  const before = await store.append(key, {
    body: liveBody,
    source: 'baseline',
    label: `before restoring v${version}`,
  });
  const stored = await writeLive(invoke, key, snap.body, live.etag);
  const after = await store.append(key, {
    body: snapshotBody(key.target, stored),
    source: 'rollback',
    label: `restored v${version}`,
  });
  let test: RestoreResult['test'];
  let testError: string | undefined;
  try {
    test = await runTest(invoke, key);
  } catch (error) {
    testError = error instanceof Error ? error.message : String(error);
  }
  return {
    restoredFrom: snap,
    before: before.meta,
    after: after.meta,
    ...(test ? { test } : {}),
    ...(testError ? { testError } : {}),
  };
}
