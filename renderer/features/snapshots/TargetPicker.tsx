import { useEffect, useState } from 'react';
import type { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { PROVIDER_KEYS } from '../../../shared/contract/providers';
import { call } from '../../bridge';
import { targetLabel } from './labels';

/**
 * Providers, the data layer and the site's webhooks (listed live; offline falls back to the
 * cache), plus deleted webhooks that still have a history: their snapshots can re-create them.
 */
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
  const [kept, setKept] = useState<SnapshotTarget[]>([]);
  // "(deleted)" only when the live list was read: a failed read proves nothing.
  const [listed, setListed] = useState(false);
  useEffect(() => {
    void call('webhooks.list', { connectionId, siteId }).then((r) => {
      const list = r.ok ? r.value.data.map((w) => ({ id: w.id, name: w.name })) : [];
      setHooks(list);
      setListed(r.ok);
      onWebhookNames(Object.fromEntries(list.map((w) => [w.id, w.name])));
    });
    void call('snapshots.targets', { connectionId, siteId }).then((r) =>
      setKept(r.ok ? r.value.map((t) => t.target) : []),
    );
  }, [connectionId, siteId, onWebhookNames]);
  const live: SnapshotTarget[] = hooks
    .filter((h) => /^[A-Za-z0-9_-]{1,128}$/.test(h.id))
    .map((h) => `webhook:${h.id}`);
  const gone = [...kept, value].filter(
    (t, i, all) => t.startsWith('webhook:') && !live.includes(t) && all.indexOf(t) === i,
  );
  const targets: SnapshotTarget[] = [...PROVIDER_KEYS, 'data-layer', ...live, ...gone];
  const names = Object.fromEntries(hooks.map((h) => [h.id, h.name]));
  return (
    <div className="field snap-target">
      <label htmlFor="snap-target">Configuration</label>
      <select id="snap-target" value={value} onChange={(e) => onChange(e.target.value)}>
        {targets.map((t) => (
          <option key={t} value={t}>
            {targetLabel(t, names)}
            {listed && gone.includes(t) ? ' (deleted)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
