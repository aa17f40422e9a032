import { fail, OpsFailure } from '../../../shared/bridge/errors';
import type { TestRun } from '../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { sha256Of, snapshotBody } from '../snapshots/body';
import { ioOf, keyOf, liveFor, type ChangeCtx } from './context';
import { runTest } from './verify';

/**
 * "Restore snapshot" as a rollback, which must contain damage in one click: a before snapshot of
 * live, the stored body PUT with If-Match of that live read (a concurrent edit gets a conflict,
 * not an overwrite), an after snapshot (source `rollback`), then the mandatory test. Masked
 * secrets are sent as they are: the API keeps the stored secret when it receives its own mask.
 */
export async function restoreForRollback(
  ctx: ChangeCtx,
  s: ChangeState,
  version: number,
): Promise<{ afterVersion: number; test: TestRun }> {
  const key = keyOf(s);
  const io = ioOf(ctx, s);
  const snap = await ctx.snapshots.store.get(key, version);
  const live = await liveFor('a restore', () => io.read('live')).catch((error: unknown) => {
    if (error instanceof OpsFailure && error.error.kind === 'not_found')
      fail(
        'not_found',
        `${key.target} no longer exists: re-create it with "Restore snapshot" on the Snapshots screen (a change, where its secrets can be entered again).`,
      );
    throw error;
  });
  if (sha256Of(snapshotBody(key.target, live.body)) === snap.sha256)
    fail('validation', `The live configuration already matches v${version}; nothing to restore.`);
  if (io.validate(snap.body).length)
    fail(
      'validation',
      `Snapshot v${version} is not a valid ${io.kind} configuration any more; it cannot be restored as is.`,
    );
  await ctx.snapshots.record(key, live.body, {
    source: 'baseline',
    label: `before restoring v${version}`,
  });
  const written = await io.write(snap.body, live.etag);
  const after = await ctx.snapshots.record(key, written.body, {
    source: 'rollback',
    label: `restored v${version}`,
  });
  return { afterVersion: after.snapshot.version, test: await runTest(ctx, s) };
}
