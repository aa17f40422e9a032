import { expect, it } from 'vitest';
import type { FleetRow } from '../../../shared/bridge/calls/fleet';
import { filterCounts, visibleRows } from '../../../renderer/features/fleet/fleet-view';

const row = (key: string, over: Partial<FleetRow> = {}): FleetRow => ({
  key,
  connectionId: 'sandbox',
  connectionName: 'Sandbox',
  siteId: `00000000-0000-4000-8000-00000000000${key.length}`,
  label: key,
  health: null,
  drift: null,
  openChange: null,
  lastChange: null,
  compliance: null,
  ...over,
});
const health = (
  status: NonNullable<FleetRow['health']>['status'],
  at = '2026-01-05T10:00:00Z',
) => ({
  at,
  stale: false,
  status,
  providers: {},
  webhooks: [],
});

const rows = [
  row('Birch', {
    health: health('healthy'),
    compliance: { at: '', met: 5, total: 5, missing: [] },
  }),
  row('Alpen', { health: health('failing') }),
  row('Cobalt', {
    health: health('degraded'),
    drift: { at: '', stale: false, state: 'drifted', targets: ['ga4'] },
  }),
  row('Dune', {
    health: health('error'),
    compliance: { at: '', met: 2, total: 5, missing: ['ga4: x'] },
    openChange: {
      id: 'chg-20260105-00000001',
      target: 'ga4',
      operator: 'Ada',
      step: 'test',
      open: true,
      at: '',
    },
  }),
  row('Ember'),
];

it('filters (any chosen), searches, and sorts worst first', () => {
  const q = (filters: string[], search = '', sort: 'status' | 'label' | 'compliance' = 'status') =>
    visibleRows(rows, { filters: new Set(filters) as never, search, sort }).map((r) => r.key);
  expect(q([])).toEqual(['Dune', 'Alpen', 'Cobalt', 'Birch', 'Ember']);
  expect(q(['failing'])).toEqual(['Dune', 'Alpen']);
  expect(q(['degraded', 'change_open'])).toEqual(['Dune', 'Cobalt']);
  expect(q(['drifted'])).toEqual(['Cobalt']);
  expect(q(['not_compliant'])).toEqual(['Dune']);
  expect(q([], 'al')).toEqual(['Alpen', 'Cobalt']);
  expect(q([], '', 'label')).toEqual(['Alpen', 'Birch', 'Cobalt', 'Dune', 'Ember']);
  expect(q([], '', 'compliance')).toEqual(['Dune', 'Birch', 'Alpen', 'Cobalt', 'Ember']);
  expect(filterCounts(rows)).toEqual({
    failing: 2,
    degraded: 1,
    drifted: 1,
    change_open: 1,
    not_compliant: 1,
  });
});
