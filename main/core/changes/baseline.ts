import { fail, OpsFailure, type BridgeError } from '../../../shared/bridge/errors';
import { windowFromEntries } from '../../../shared/domain/anomaly/counts';
import { NEW_WEBHOOK_TARGET } from '../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import type { TargetIO } from '../targets/target-io';
import { errorText, ioOf, keyOf, liveFor, siteOf, type ChangeCtx } from './context';

/**
 * Baseline: the list, the health and the target's config read live (never from the offline cache:
 * an If-Match from a stale read would be a lie), a `baseline` snapshot tagged with the change, and
 * the recent logs as the baseline window the monitor compares against. For a create the baseline
 * is that the webhook does not exist: nothing to snapshot, no deliveries to compare with.
 */
export async function takeBaseline(ctx: ChangeCtx, s: ChangeState): Promise<ChangeState> {
  const io = ioOf(ctx, s);
  const site = siteOf(s);
  try {
    const { list, health, hooks } = await liveFor('a baseline', async () => ({
      list: await ctx.api.reads.integrations(site, 'live'),
      health: await ctx.api.reads.health(site, 'live'),
      hooks: s.operation === 'create' ? await ctx.api.reads.webhooks(site, 'live') : undefined,
    }));
    if (hooks) {
      await assertAbsent(io, s);
      return await ctx.store.append(s.id, {
        type: 'baseline',
        exists: false,
        body: {},
        health: health.data,
        listCount: list.data.length,
        knownWebhooks: hooks.data.map((w) => w.id),
        window: windowFromEntries([], ctx.now()),
      });
    }
    const live = await liveFor('a baseline', () => io.read('live'));
    let snapshotVersion: number | undefined;
    let snapshotError: string | undefined;
    try {
      const snap = await ctx.snapshots.record(keyOf(s), live.body, {
        source: 'baseline',
        changeId: s.id,
        label: `baseline of change ${s.id}`,
      });
      snapshotVersion = snap.snapshot.version;
    } catch (error) {
      snapshotError = errorText(error);
    }
    const logs = await io.logs(500, 0, 'live').catch(() => undefined);
    return await ctx.store.append(s.id, {
      type: 'baseline',
      body: live.body,
      ...(live.etag ? { etag: live.etag } : {}),
      ...(snapshotVersion !== undefined ? { snapshotVersion } : {}),
      ...(snapshotError ? { snapshotError } : {}),
      health: health.data,
      listCount: list.data.length,
      ...(logs ? { window: windowFromEntries(logs, ctx.now()) } : {}),
    });
  } catch (error) {
    const e: BridgeError =
      error instanceof OpsFailure ? error.error : { kind: 'internal', message: errorText(error) };
    await ctx.store.append(s.id, { type: 'baseline_failed', error: e });
    throw error;
  }
}

/** Re-creating a deleted webhook (a restore) requires that it is really gone. */
async function assertAbsent(io: TargetIO, s: ChangeState): Promise<void> {
  if (s.target === NEW_WEBHOOK_TARGET) return;
  const exists = await liveFor('a baseline', () => io.read('live')).then(
    () => true,
    (error: unknown) => {
      if (error instanceof OpsFailure && error.error.kind === 'not_found') return false;
      throw error;
    },
  );
  if (exists)
    fail(
      'conflict',
      `${s.target} exists again, so it cannot be re-created. Abandon this change and restore the snapshot onto it instead.`,
    );
}
