import type { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { PROVIDER_KEYS } from '../../../shared/contract/providers';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { useWebhookList } from '../webhooks/use-webhooks';
import { targetName } from '../../../shared/domain/names';

/**
 * Providers, the data layer and the site's webhooks (listed live; offline falls back to the
 * cache), plus deleted webhooks that still have a history: their snapshots can re-create them.
 */
export function TargetPicker({
  connectionId,
  siteId,
  value,
  onChange,
}: {
  connectionId: string;
  siteId: string;
  value: SnapshotTarget;
  onChange(t: SnapshotTarget): void;
}) {
  const webhooks = useWebhookList({ connectionId, siteId });
  const { list: hooks, names } = webhooks;
  // Targets with a history (a deleted webhook's snapshots can re-create it).
  const kept = useBridgeQuery('snapshots.targets', { connectionId, siteId }).data ?? [];
  // "(deleted)" only when the live list was read: a failed read proves nothing.
  const listed = !!webhooks.data && !webhooks.error;
  const live: SnapshotTarget[] = hooks
    .filter((h) => /^[A-Za-z0-9_-]{1,128}$/.test(h.id))
    .map((h) => `webhook:${h.id}`);
  const gone = [...kept.map((t) => t.target), value].filter(
    (t, i, all) => t.startsWith('webhook:') && !live.includes(t) && all.indexOf(t) === i,
  );
  const targets: SnapshotTarget[] = [...PROVIDER_KEYS, 'data-layer', ...live, ...gone];
  return (
    <div className="field snap-target">
      <label htmlFor="snap-target">Configuration</label>
      <select id="snap-target" value={value} onChange={(e) => onChange(e.target.value)}>
        {targets.map((t) => (
          <option key={t} value={t}>
            {targetName(t, names)}
            {listed && gone.includes(t) ? ' (deleted)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
