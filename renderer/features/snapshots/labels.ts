import type { SnapshotSource } from '../../../shared/bridge/calls/snapshots-types';
import { displayTime } from '../../../shared/domain/names';

export const SOURCE_LABELS: Record<SnapshotSource, string> = {
  baseline: 'baseline',
  after_change: 'after change',
  manual: 'manual',
  import: 'imported',
  rollback: 'rollback',
};

export const shortSha = (sha: string) => sha.slice(0, 10);

export function when(iso: string): string {
  return displayTime(iso);
}
