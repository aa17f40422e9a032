import type { DriftReport } from '../../../shared/bridge/calls/snapshots';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import type { LogEntry } from '../../../shared/contract';
import type { TargetIO } from '../targets/target-io';
import { sha256Of, snapshotBody } from './body';
import { compareBodies } from './compare';
import type { SnapshotStore } from './store';

/**
 * Live vs the newest known-good version: equal hashes mean no drift; otherwise the full diff decides.
 * A body written back by an editor can differ in form only (a filter's `conditions: []` where the
 * stored one had none): that is not drift, or the badge would say "drifted" over an empty diff.
 * The live side is read live: with the API unreachable drift is unknown, not "as of the cache".
 */
export async function checkDrift(
  store: SnapshotStore,
  io: TargetIO,
  recentLogs: (key: SnapshotKey) => Promise<LogEntry[] | undefined>,
  now: Date,
): Promise<DriftReport> {
  const key = io.key;
  const knownGood = await store.knownGood(key);
  const live = await io.read('live');
  const liveBody = snapshotBody(key.target, live.body);
  const liveSha256 = sha256Of(liveBody);
  const base = { checkedAt: now.toISOString(), liveSha256 };
  if (!knownGood) return { ...base, drifted: false };
  if (knownGood.sha256 === liveSha256) return { ...base, knownGood, drifted: false };
  const good = await store.get(key, knownGood.version);
  const diff = compareBodies(key, good.body, liveBody, await recentLogs(key));
  return diff.identical
    ? { ...base, knownGood, drifted: false }
    : { ...base, knownGood, drifted: true, diff };
}
