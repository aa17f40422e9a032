import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import { fail } from '../../../shared/bridge/errors';
import { rollbackRecordTitle } from '../../../shared/domain/workflow/describe';
import type { NewEntry, RollbackAction } from '../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import type { Body } from '../targets/target-io';
import { errorText, ioOf, keyOf, liveFor, type ChangeCtx } from './context';
import { restoreForRollback } from './rollback-restore';

/**
 * The knob each rollback turns, per target kind (webhooks have `active`, the data layer `enabled`).
 * "Re-enable" and "Disable test mode" turn it back after the matching rollback.
 */
function switched(
  kind: 'provider' | 'webhook' | 'data-layer',
  action: Exclude<RollbackAction, 'restore'>,
  body: Body,
): Body {
  if (action === 'disable' || action === 'enable') {
    const on = action === 'enable';
    return kind === 'webhook' ? { ...body, active: on } : { ...body, enabled: on };
  }
  if (kind !== 'provider')
    fail('validation', 'Only provider integrations have a test mode; disable it instead.');
  return { ...body, testMode: action === 'test_mode' };
}

/** Which version "Restore snapshot" restores: the one asked for, else the change's baseline, else the known-good. */
async function restoreVersion(
  ctx: ChangeCtx,
  s: ChangeState,
  asked: number | string | undefined,
): Promise<number | string> {
  if (asked) return asked;
  // The id, not the number: a merge of a colleague's versions may have shifted the numbers.
  if (s.baseline?.snapshotId) return s.baseline.snapshotId;
  if (s.baseline?.snapshotVersion) return s.baseline.snapshotVersion;
  const good = (await ctx.snapshots.store.knownGood(keyOf(s)))?.id;
  if (!good)
    fail('validation', 'There is no baseline or known-good snapshot of this target to restore.');
  return good;
}

/** The number of a version asked for by id (a colleague's version); one not found stays unnamed. */
async function versionNumberOf(
  ctx: ChangeCtx,
  key: SnapshotKey,
  ref: number | string | undefined,
): Promise<number | undefined> {
  if (typeof ref !== 'string') return ref;
  return (await ctx.snapshots.store.get(key, ref).catch(() => undefined))?.version;
}

/**
 * One rollback, recorded in the change whether it worked or not. "Restore snapshot" puts a version
 * back (rollback-restore.ts: before snapshot, PUT with If-Match of a live read, after snapshot, the
 * mandatory test again); the switches PUT the live body with one knob turned.
 */
export async function rollback(
  ctx: ChangeCtx,
  s: ChangeState,
  action: RollbackAction,
  version?: number | string,
): Promise<ChangeState> {
  const io = ioOf(ctx, s);
  let entry: NewEntry;
  let tried: number | string | undefined;
  try {
    if (action === 'restore') {
      const v = (tried = await restoreVersion(ctx, s, version));
      const r = await restoreForRollback(ctx, s, v);
      entry = {
        type: 'rollback',
        action,
        ok: true,
        restoredVersion: r.restoredVersion,
        afterVersion: r.afterVersion,
        test: r.test,
      };
    } else {
      const live = await liveFor('a rollback', () => io.read('live'));
      await io.write(switched(io.kind, action, live.body), live.etag);
      entry = { type: 'rollback', action, ok: true };
    }
  } catch (error) {
    await ctx.store.append(s.id, {
      type: 'rollback',
      action,
      ok: false,
      error: errorText(error),
      ...(tried ? { restoredVersion: await versionNumberOf(ctx, keyOf(s), tried) } : {}),
    });
    throw error;
  }
  return ctx.store.append(s.id, entry);
}

/**
 * A rollback with no open change of its target (from a provider page): a record of its own,
 * opened, rolled back and closed in one go, whether the rollback worked or not.
 */
export async function rollbackRecord(
  ctx: ChangeCtx,
  id: string,
  key: SnapshotKey,
  action: RollbackAction,
  version: number | string | undefined,
): Promise<ChangeState> {
  // Never waits for the team lock or a sync: recorded locally, pushed behind.
  const author = ctx.workspace.author();
  await ctx.store.append(id, {
    type: 'started',
    changeId: id,
    ...key,
    operator: author.name,
    operatorEmail: author.email,
    laptop: ctx.workspace.laptop,
    title: rollbackRecordTitle(action, await versionNumberOf(ctx, key, version)),
    kind: 'rollback_only',
  });
  return ctx.store.serial(id, async () => {
    try {
      await rollback(ctx, ctx.store.get(id)!.state, action, version);
    } finally {
      // A rollback that did not happen is closed as failed with its reason, never as "rolled back".
      const failed = ctx.store.get(id)!.state.rollbacks.find((r) => !r.ok);
      await ctx.store.append(id, {
        type: 'closed',
        outcome: failed ? 'rollback_failed' : 'rolled_back',
        ...(failed ? { note: failed.error ?? 'the rollback failed' } : {}),
      });
    }
    return ctx.store.get(id)!.state;
  });
}
