import { useEffect, useState } from 'react';
import type { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { PROVIDER_KEYS } from '../../../shared/contract/providers';
import { call } from '../../bridge';
import { targetName } from '../../../shared/domain/names';

/** Providers, the data layer and the site's webhooks (listed live; offline falls back to the cache). */
export function TargetPicker({
  connectionId,
  siteId,
  value,
  onChange,
  onWebhookNames,
}: {
  connectionId: string;
  siteId: string;
  value: SnapshotTarget;
  onChange(t: SnapshotTarget): void;
  onWebhookNames(names: Record<string, string>): void;
}) {
  const [hooks, setHooks] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    void call('webhooks.list', { connectionId, siteId }).then((r) => {
      const list = r.ok ? r.value.data.map((w) => ({ id: w.id, name: w.name })) : [];
      setHooks(list);
      onWebhookNames(Object.fromEntries(list.map((w) => [w.id, w.name])));
    });
  }, [connectionId, siteId, onWebhookNames]);
  const targets: SnapshotTarget[] = [
    ...PROVIDER_KEYS,
    'data-layer',
    ...hooks.filter((h) => /^[A-Za-z0-9_-]{1,128}$/.test(h.id)).map((h) => `webhook:${h.id}`),
  ];
  const names = Object.fromEntries(hooks.map((h) => [h.id, h.name]));
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
