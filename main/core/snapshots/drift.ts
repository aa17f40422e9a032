import type { DriftReport } from '../../../shared/bridge/calls/snapshots';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import type { Invoke } from '../feature';
import { sha256Of, snapshotBody } from './body';
import { compareBodies } from './compare';
import { readLive, recentLogs } from './live';
import type { SnapshotStore } from './store';

/**
 * Live vs the newest known-good version: equal hashes mean no drift; otherwise the full diff decides.
 * A body written back by an editor can differ in form only (a filter's `conditions: []` where the
 * stored one had none): that is not drift, or the badge would say "drifted" over an empty diff.
 */
export async function checkDrift(
  store: SnapshotStore,
  invoke: Invoke,
  key: SnapshotKey,
  now: Date,
): Promise<DriftReport> {
  const knownGood = await store.knownGood(key);
  const live = await readLive(invoke, key);
  const liveBody = snapshotBody(key.target, live.body);
  const liveSha256 = sha256Of(liveBody);
  const base = { checkedAt: now.toISOString(), liveSha256, stale: live.stale };
  if (!knownGood) return { ...base, drifted: false };
  if (knownGood.sha256 === liveSha256) return { ...base, knownGood, drifted: false };
  const good = await store.get(key, knownGood.version);
  const diff = compareBodies(key, good.body, liveBody, await recentLogs(invoke, key));
  return diff.identical
    ? { ...base, knownGood, drifted: false }
    : { ...base, knownGood, drifted: true, diff };
}
