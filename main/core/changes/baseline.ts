import { OpsFailure, type BridgeError } from '../../../shared/bridge/errors';
import { windowFromEntries } from '../../../shared/domain/anomaly/counts';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { errorText, ioOf, type ChangeCtx } from './context';

/**
 * Baseline: the list, the health and the target's config read live (never from the offline cache:
 * an If-Match from a stale read would be a lie), a `baseline` snapshot tagged with the change, and
 * the recent logs as the baseline window the monitor compares against.
 */
export async function takeBaseline(ctx: ChangeCtx, s: ChangeState): Promise<ChangeState> {
  const io = ioOf(ctx, s);
  const site = { connectionId: s.connectionId, siteId: s.siteId };
  try {
    const list = await ctx.invoke('integrations.list', site);
    const health = await ctx.invoke('health.get', site);
    const live = await io.read();
    if (live.stale || list.stale || health.stale)
      throw new OpsFailure({
        kind: 'offline',
        message: `The API is unreachable (${live.staleReason ?? list.staleReason ?? 'offline'}): a baseline needs a live read.`,
      });
    let snapshotVersion: number | undefined;
    let snapshotId: string | undefined;
    let snapshotError: string | undefined;
    try {
      const snap = await ctx.invoke('snapshots.take', {
        ...site,
        target: io.key.target,
        source: 'baseline',
        changeId: s.id,
        label: `baseline of change ${s.id}`,
      });
      snapshotVersion = snap.snapshot.version;
      snapshotId = snap.snapshot.id;
    } catch (error) {
      snapshotError = errorText(error);
    }
    const logs = await io.logs(500, 0).catch(() => undefined);
    return await ctx.store.append(s.id, {
      type: 'baseline',
      body: live.body,
      ...(live.etag ? { etag: live.etag } : {}),
      ...(snapshotVersion !== undefined ? { snapshotVersion } : {}),
      ...(snapshotId !== undefined ? { snapshotId } : {}),
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
