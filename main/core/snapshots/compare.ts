import { targetKind, type SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import type { LogEntry } from '../../../shared/contract';
import {
  diffIntegration,
  diffResource,
  evidenceFromLogs,
  type ConfigDiff,
} from '../../../shared/domain/diff';

/**
 * Diff two bodies of the same kind of target, `before` -> `after`. Recent logs of the `after`
 * side give the evidence for critical flags; their payload summaries double as filter samples.
 */
export function compareBodies(
  key: SnapshotKey,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  logs: readonly LogEntry[] | undefined,
): ConfigDiff {
  const kind = targetKind(key.target);
  if (kind !== 'provider') return diffResource(kind, before, after);
  return diffIntegration(before, after, logs ? evidenceFromLogs(logs) : {});
}
