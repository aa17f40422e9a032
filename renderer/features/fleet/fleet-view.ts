import type { FleetRow } from '../../../shared/bridge/calls/fleet';

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
