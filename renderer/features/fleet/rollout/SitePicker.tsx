import { useState } from 'react';
import type { RolloutPlan } from '../../../../shared/bridge/calls/rollouts';
import { StatusBadge } from '../../../ui/StatusBadge';
import { useFleetPicture } from '../fleet-picture';
import { FLEET_FILTERS, matches, type FleetFilter } from '../fleet-view';

type Candidate = RolloutPlan['candidates'][number];

/** Which sites get the change: a filter (the Fleet screen's), a search, and checkboxes. */
export function SitePicker({
  candidates,
  picked,
  onChange,
}: {
  candidates: Candidate[];
  picked: ReadonlySet<string>;
  onChange(next: ReadonlySet<string>): void;
}) {
  const { data: picture } = useFleetPicture();
  const rows = new Map(picture?.rows.map((r) => [r.key, r]));
  const [filter, setFilter] = useState<FleetFilter | ''>('');
  const [search, setSearch] = useState('');
  const text = search.trim().toLowerCase();
  const shown = candidates.filter((c) => {
    const row = rows.get(c.key);
    if (filter && !(row && matches(row, filter))) return false;
    return !text || c.label.toLowerCase().includes(text) || c.siteId.includes(text);
  });
  const set = (keys: string[], on: boolean) => {
    const next = new Set(picked);
    for (const k of keys)
      if (on) next.add(k);
      else next.delete(k);
    onChange(next);
  };
  return (
    <fieldset className="fleet-picker">
      <legend>Sites ({picked.size} picked)</legend>
      <div className="row">
        <label className="field">
          <span>Search</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label className="field">
          <span>Only</span>
          <select value={filter} onChange={(e) => setFilter(e.target.value as FleetFilter | '')}>
            <option value="">All sites</option>
            {FLEET_FILTERS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() =>
            set(
              shown.map((c) => c.key),
              true,
            )
          }
        >
          Pick the {shown.length} shown
        </button>
        <button type="button" onClick={() => onChange(new Set())}>
          Pick none
        </button>
      </div>
      <ul className="fleet-picker-list">
        {shown.map((c) => {
          const h = rows.get(c.key)?.health;
          return (
            <li key={c.key}>
              <label>
                <input
                  type="checkbox"
                  checked={picked.has(c.key)}
                  onChange={(e) => set([c.key], e.target.checked)}
                />{' '}
                {c.label}
              </label>{' '}
              {h && h.status !== 'error' && <StatusBadge status={h.status} />}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
