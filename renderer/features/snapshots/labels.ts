import type { SnapshotSource, SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { PROVIDER_LABELS, type ProviderKey } from '../../../shared/contract/providers';

export const SOURCE_LABELS: Record<SnapshotSource, string> = {
  baseline: 'baseline',
  after_change: 'after change',
  manual: 'manual',
  import: 'imported',
  rollback: 'rollback',
};

export function targetLabel(
  target: SnapshotTarget,
  webhookNames: Record<string, string> = {},
): string {
  if (target === 'data-layer') return 'Data layer';
  if (target.startsWith('webhook:')) {
    const id = target.slice(8);
    return `Webhook ${webhookNames[id] ?? id}`;
  }
  return PROVIDER_LABELS[target as ProviderKey];
}

export const shortSha = (sha: string) => sha.slice(0, 10);

export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
