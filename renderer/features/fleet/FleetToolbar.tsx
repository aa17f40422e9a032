import type { FleetRow } from '../../../shared/bridge/calls/fleet';
import {
  FLEET_FILTERS,
  FLEET_SORTS,
  filterCounts,
  type FleetFilter,
  type FleetQuery,
  type FleetSort,
} from './fleet-view';

interface Props {
  rows: readonly FleetRow[];
  query: FleetQuery;
  shown: number;
  onChange(q: FleetQuery): void;
}

/** Search, the five filters (with how many sites each would show) and the order. */
export function FleetToolbar({ rows, query, shown, onChange }: Props) {
  const counts = filterCounts(rows);
  const toggle = (f: FleetFilter) => {
    const next = new Set(query.filters);
    if (next.has(f)) next.delete(f);
    else next.add(f);
    onChange({ ...query, filters: next });
  };
  return (
    <div className="fleet-toolbar">
      <label className="field fleet-search">
        <span>Search</span>
        <input
          id="fleet-search"
          type="search"
          placeholder="Name, site id or connection ( / )"
          value={query.search}
          onChange={(e) => onChange({ ...query, search: e.target.value })}
        />
      </label>
      <div role="group" aria-label="Show only" className="fleet-filters">
        {FLEET_FILTERS.map((f) => (
          <button
            key={f.id}
            type="button"
            aria-pressed={query.filters.has(f.id)}
            className={query.filters.has(f.id) ? 'chip chip-on' : 'chip'}
            onClick={() => toggle(f.id)}
          >
            {f.label} <span className="chip-count">{counts[f.id]}</span>
          </button>
        ))}
      </div>
      <label className="field">
        <span>Sort</span>
        <select
          value={query.sort}
          onChange={(e) => onChange({ ...query, sort: e.target.value as FleetSort })}
        >
          {FLEET_SORTS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small" role="status" aria-live="polite">
        Showing {shown} of {rows.length} sites
      </p>
    </div>
  );
}
