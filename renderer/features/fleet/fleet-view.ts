import type { EventPayload } from '../../../shared/bridge';
import type { FleetPicture, FleetRow } from '../../../shared/bridge/calls/fleet';

export type FleetPush = EventPayload<'fleet.rows'>;

export const FLEET_FILTERS = [
  { id: 'failing', label: 'Failing' },
  { id: 'degraded', label: 'Degraded' },
  { id: 'drifted', label: 'Drifted' },
  { id: 'change_open', label: 'Change open' },
  { id: 'not_compliant', label: 'Not compliant' },
] as const;
export type FleetFilter = (typeof FLEET_FILTERS)[number]['id'];

export const FLEET_SORTS = [
  { id: 'status', label: 'Status (worst first)' },
  { id: 'label', label: 'Site name' },
  { id: 'compliance', label: 'Checklist (least met first)' },
  { id: 'last_change', label: 'Last change (newest first)' },
  { id: 'age', label: 'Health age (oldest first)' },
] as const;
export type FleetSort = (typeof FLEET_SORTS)[number]['id'];

export interface FleetQuery {
  filters: ReadonlySet<FleetFilter>;
  search: string;
  sort: FleetSort;
}

export function matches(row: FleetRow, filter: FleetFilter): boolean {
  switch (filter) {
    case 'failing':
      return row.health?.status === 'failing' || row.health?.status === 'error';
    case 'degraded':
      return row.health?.status === 'degraded';
    case 'drifted':
      return row.drift?.state === 'drifted';
    case 'change_open':
      return !!row.openChange;
    case 'not_compliant':
      return !!row.compliance && row.compliance.met < row.compliance.total;
  }
}

const SEVERITY: Record<string, number> = {
  error: 0,
  failing: 1,
  degraded: 2,
  unknown: 3,
  healthy: 4,
  disabled: 5,
};
const severity = (r: FleetRow) => (r.health ? (SEVERITY[r.health.status] ?? 3) : 6);
const byLabel = (a: FleetRow, b: FleetRow) =>
  a.label.localeCompare(b.label) || a.key.localeCompare(b.key);

const COMPARE: Record<FleetSort, (a: FleetRow, b: FleetRow) => number> = {
  status: (a, b) => severity(a) - severity(b) || byLabel(a, b),
  label: byLabel,
  compliance: (a, b) =>
    (a.compliance ? a.compliance.met / Math.max(1, a.compliance.total) : 2) -
      (b.compliance ? b.compliance.met / Math.max(1, b.compliance.total) : 2) || byLabel(a, b),
  last_change: (a, b) =>
    (b.lastChange?.at ?? '').localeCompare(a.lastChange?.at ?? '') || byLabel(a, b),
  age: (a, b) => (a.health?.at ?? '').localeCompare(b.health?.at ?? '') || byLabel(a, b),
};

/**
 * The rows the table shows: rows matching any chosen filter (all rows when none is chosen) whose
 * name, site id or connection contains the search text, in the chosen order.
 */
export function visibleRows(rows: readonly FleetRow[], q: FleetQuery): FleetRow[] {
  const text = q.search.trim().toLowerCase();
  return rows
    .filter((r) => q.filters.size === 0 || [...q.filters].some((f) => matches(r, f)))
    .filter(
      (r) =>
        !text ||
        r.label.toLowerCase().includes(text) ||
        r.siteId.includes(text) ||
        r.connectionName.toLowerCase().includes(text),
    )
    .sort(COMPARE[q.sort]);
}

/** How many rows each filter would show (for the filter buttons). */
export function filterCounts(rows: readonly FleetRow[]): Record<FleetFilter, number> {
  const out = Object.fromEntries(FLEET_FILTERS.map((f) => [f.id, 0])) as Record<
    FleetFilter,
    number
  >;
  for (const r of rows) for (const f of FLEET_FILTERS) if (matches(r, f.id)) out[f.id]++;
  return out;
}

/** Pushed rows replace theirs (new sites join at the end), removed keys leave, status is the last one. */
export function applyPushes(picture: FleetPicture, pushes: readonly FleetPush[]): FleetPicture {
  if (pushes.length === 0) return picture;
  const rows = new Map(picture.rows.map((r) => [r.key, r]));
  let status = picture.status;
  for (const p of pushes) {
    for (const r of p.rows) rows.set(r.key, r);
    for (const k of p.removed) rows.delete(k);
    status = p.status;
  }
  return { rows: [...rows.values()], status };
}
