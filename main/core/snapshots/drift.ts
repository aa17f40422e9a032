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
  const live = await io.read('live');
  return driftOfBody(store, io.key, live.body, () => recentLogs(io.key), now);
}

/**
 * Drift of a live body the caller has just read live (the watch reads every target of a site in
 * one list, and must not read each one again). Logs for the diff's flags are read only on drift.
 */
export async function driftOfBody(
  store: SnapshotStore,
  key: SnapshotKey,
  liveRaw: Record<string, unknown>,
  recentLogs: () => Promise<LogEntry[] | undefined>,
  now: Date,
): Promise<DriftReport> {
  const knownGood = await store.knownGood(key);
  const liveBody = snapshotBody(key.target, liveRaw);
  const liveSha256 = sha256Of(liveBody);
  const base = { checkedAt: now.toISOString(), liveSha256 };
  if (!knownGood) return { ...base, drifted: false };
  if (knownGood.sha256 === liveSha256) return { ...base, knownGood, drifted: false };
  const good = await store.get(key, knownGood.id);
  const diff = compareBodies(key, good.body, liveBody, await recentLogs());
  return diff.identical
    ? { ...base, knownGood, drifted: false }
    : { ...base, knownGood, drifted: true, diff };
}
