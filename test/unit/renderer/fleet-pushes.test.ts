import { expect, it } from 'vitest';
import type { FleetConnectionStatus, FleetRow } from '../../../shared/bridge/calls/fleet';
import { applyPushes } from '../../../renderer/features/fleet/fleet-view';

const row = (key: string, label = key): FleetRow => ({
  key,
  connectionId: 'sandbox',
  connectionName: 'Sandbox',
  siteId: '00000000-0000-4000-8000-000000000001',
  label,
  health: null,
  drift: null,
  openChange: null,
  lastChange: null,
  compliance: null,
});
const status = (read: number): FleetConnectionStatus[] => [
  {
    connectionId: 'sandbox',
    name: 'Sandbox',
    sites: 3,
    read,
    round: 1,
    offline: false,
    budget: {
      perMinute: 600,
      reserve: 0.1,
      blockedForMs: 0,
      waiting: {},
      sent: {},
      rateLimited: 0,
    },
  },
];

it('applies a frame of pushes in order: rows replaced in place, new ones appended, removed ones gone, the last status', () => {
  const picture = { rows: [row('a'), row('b'), row('c')], status: status(0) };
  const next = applyPushes(picture, [
    { rows: [row('b', 'Birch'), row('d')], removed: [], status: status(1) },
    { rows: [row('b', 'Birch 2')], removed: ['a', 'd'], status: status(2) },
  ]);
  expect(next.rows.map((r) => [r.key, r.label])).toEqual([
    ['b', 'Birch 2'],
    ['c', 'c'],
  ]);
  expect(next.status[0]!.read).toBe(2);
  // The cached picture itself is never mutated (the query cache compares by reference).
  expect(picture.rows.map((r) => r.label)).toEqual(['a', 'b', 'c']);
  expect(applyPushes(next, [])).toBe(next);
});
