import { fail } from '../../../shared/bridge/errors';
import type { Operation, RestoreSource } from '../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { validateFor } from './apply';
import { ioOf, keyOf, type ChangeCtx } from './context';
import { targetName } from '../../../shared/domain/names/target-name';

/** The change's title and the journal's label for the source, in the operator's words. */
export function restoreTitle(
  target: string,
  src: RestoreSource,
  operation: Operation = 'update',
): string {
  const what = operation === 'create' ? 'Re-create' : 'Restore';
  return `${what} of ${targetName(target)} v${src.version}${src.knownGood ? ' (known-good)' : ''}`;
}

/**
 * Seeds a restore change's draft with its snapshot's body, once it has a baseline and only while it
 * has no draft (a retry never overwrites what the operator edited since). Secrets stay masked: the
 * API keeps the stored secret when its own mask comes back, and the draft validation accepts masks.
 */
export async function seedRestoreDraft(ctx: ChangeCtx, s: ChangeState): Promise<void> {
  if (!s.restoreOf || !s.open || s.step !== 'config' || (await ctx.drafts.load(s.id))) return;
  const snap = await ctx.snapshots.store.get(keyOf(s), s.restoreOf.version);
  // Versions are immutable: a different hash means the store was replaced under us, so restore nothing.
  if (snap.sha256 !== s.restoreOf.sha256)
    fail(
      'conflict',
      `Snapshot v${s.restoreOf.version} no longer has the content this restore was started with; start the restore again.`,
    );
  await ctx.drafts.save(s.id, {
    body: snap.body,
    savedAt: ctx.now().toISOString(),
    issues: validateFor(ioOf(ctx, s), s, snap.body),
  });
}
