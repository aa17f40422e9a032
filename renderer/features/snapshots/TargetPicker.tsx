import type { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { PROVIDER_KEYS } from '../../../shared/contract/providers';
import { useWebhookList } from '../webhooks/use-webhooks';
import { targetName } from '../../../shared/domain/names';

/** Providers, the data layer and the site's webhooks (listed live; offline falls back to the cache). */
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
  const { list: hooks, names } = useWebhookList({ connectionId, siteId });
  const targets: SnapshotTarget[] = [
    ...PROVIDER_KEYS,
    'data-layer',
    ...hooks.filter((h) => /^[A-Za-z0-9_-]{1,128}$/.test(h.id)).map((h) => `webhook:${h.id}`),
  ];
  return (
    <div className="field snap-target">
      <label htmlFor="snap-target">Configuration</label>
      <select id="snap-target" value={value} onChange={(e) => onChange(e.target.value)}>
        {targets.map((t) => (
          <option key={t} value={t}>
            {targetName(t, names)}
          </option>
        ))}
      </select>
    </div>
  );
}
