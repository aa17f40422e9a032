import { fail } from '../../../shared/bridge/errors';
import type { NewEntry, RollbackAction } from '../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { errorText, ioOf, keyOf, type ChangeCtx } from './context';
import type { Body } from './target-io';

/** The knob each rollback turns, per target kind (webhooks have `active`, the data layer `enabled`). */
function switched(
  kind: 'provider' | 'webhook' | 'data-layer',
  action: RollbackAction,
  body: Body,
): Body {
  if (action === 'disable')
    return kind === 'webhook' ? { ...body, active: false } : { ...body, enabled: false };
  if (kind !== 'provider')
    fail('validation', 'Only provider integrations have a test mode; disable it instead.');
  return { ...body, testMode: true };
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
  const targets = await ctx.invoke('snapshots.targets', {
    connectionId: s.connectionId,
    siteId: s.siteId,
  });
  const good = targets.find((t) => t.target === s.target)?.knownGood?.id;
  if (!good)
    fail('validation', 'There is no baseline or known-good snapshot of this target to restore.');
  return good;
}

/**
 * One rollback, recorded in the change whether it worked or not. "Restore snapshot" goes through
 * the snapshot store's restore (before snapshot, PUT with If-Match of a fresh read, after snapshot,
 * then the mandatory test again); the switches PUT the live body with one knob turned.
 */
export async function rollback(
  ctx: ChangeCtx,
  s: ChangeState,
  action: RollbackAction,
  version?: number | string,
): Promise<ChangeState> {
  const io = ioOf(ctx, s);
  let entry: NewEntry;
  try {
    if (action === 'restore') {
      const v = await restoreVersion(ctx, s, version);
      const r = await ctx.invoke(
        'snapshots.restore',
        typeof v === 'number' ? { ...keyOf(s), version: v } : { ...keyOf(s), version: 1, id: v },
      );
      const test = r.test
        ? { ok: r.test.ok, result: r.test }
        : { ok: false, error: r.testError ?? 'no test for this target' };
      entry = {
        type: 'rollback',
        action,
        ok: true,
        restoredVersion: r.restoredFrom.version,
        afterVersion: r.after.version,
        test,
      };
    } else {
      const live = await io.read();
      if (live.stale)
        fail(
          'offline',
          `The API is unreachable (${live.staleReason ?? 'offline'}): a rollback needs a fresh read.`,
        );
      await io.write(switched(io.kind, action, live.body), live.etag);
      entry = { type: 'rollback', action, ok: true };
    }
  } catch (error) {
    await ctx.store.append(s.id, { type: 'rollback', action, ok: false, error: errorText(error) });
    throw error;
  }
  return ctx.store.append(s.id, entry);
}
