import { afterEach, expect, it } from 'vitest';
import type { FleetPicture } from '../../../shared/bridge/calls/fleet';
import { eventually } from '../../fakes/poll';
import { fleetHarness, type FleetHarness } from './harness';
import { importFleet, knownGoodChange, shortCycles } from './rollout-helpers';

let h: FleetHarness;
afterEach(() => h?.stop());

async function importAll(): Promise<void> {
  const rows = h.sb.sites.slice(2).map((s, i) => ({ line: i + 1, siteId: s.id, label: s.name }));
  await h.core.handlers['sites.import']({ connectionId: h.connectionId, rows }, h.ctx);
}

const picture = () => h.core.handlers['fleet.rows']({}, h.ctx) as Promise<FleetPicture>;

it(
  'builds the whole picture over real HTTP: every row gets its health, latent problems show, pushes are batched',
  { timeout: 120_000 },
  async () => {
    h = await fleetHarness({ fleetSites: 16, eventsPerSecond: 30 });
    await importAll();
    await picture();
    const done = await eventually(
      async () => {
        const p = await picture();
        return p.status[0]?.completeAfterMs !== undefined && p.rows.every((r) => r.health) && p;
      },
      { timeoutMs: 60_000, what: 'a complete picture' },
    );
    expect(done.rows).toHaveLength(16);
    expect(done.rows.every((r) => r.health && !r.health.stale)).toBe(true);
    expect(done.status[0]!.budget.reserve).toBe(0.5);
    expect(done.status[0]!.budget.limit).toBe(600);
    // Fleet site 3 carries an invalid Meta token: failing, with Meta failing in its cell.
    const broken = h.sb.sites[2 + 3]!.id;
    await eventually(
      async () =>
        (await picture()).rows.find((r) => r.siteId === broken)?.health?.providers.meta ===
        'failing',
      { timeoutMs: 60_000, what: 'the latent problem to show' },
    );
    const pushes = h.events.filter((e) => e.name === 'fleet.rows');
    const rowsPushed = pushes.reduce((n, e) => n + (e.payload.rows as unknown[]).length, 0);
    expect(pushes.length).toBeLessThan(rowsPushed);
  },
);

it(
  'after a restart with the API unreachable, the picture comes from the offline copies, marked as such',
  { timeout: 120_000 },
  async () => {
    h = await fleetHarness({ fleetSites: 6, eventsPerSecond: 10 });
    await importAll();
    await picture();
    await eventually(async () => (await picture()).status[0]?.completeAfterMs !== undefined, {
      timeoutMs: 60_000,
    });
    await h.sb.close();
    await h.restartCore();
    const offline = await eventually(
      async () => {
        const p = await picture();
        return p.rows.length === 6 && p.rows.every((r) => r.health?.stale) && p;
      },
      { timeoutMs: 60_000, what: 'cached cells' },
    );
    expect(offline.status[0]!.offline).toBe(true);
    expect(offline.rows.every((r) => Date.parse(r.health!.at) < Date.now())).toBe(true);
  },
);

it(
  'rows carry the open change (and by whom), the last change, checklist compliance and drift from known-good',
  { timeout: 120_000 },
  async () => {
    h = await fleetHarness({ fleetSites: 3, eventsPerSecond: 10 });
    await shortCycles(h, 0.05);
    const sites = await importFleet(h);
    await picture();
    const site = sites[2]!;
    const rowOf = async () => (await picture()).rows.find((r) => r.key === site.key)!;
    await eventually(async () => (await rowOf()).health, { timeoutMs: 60_000 });
    expect((await rowOf()).drift?.state).toBe('no_known_good');
    const source = await knownGoodChange(h, site.siteId);
    const closed = await eventually(
      async () => {
        const r = await rowOf();
        return r.lastChange?.outcome === 'known_good' && r.drift?.state === 'none' && r;
      },
      { timeoutMs: 60_000 },
    );
    expect(closed.openChange).toBeNull();
    expect(closed.lastChange?.id).toBe(source);
    // GA4 meets all five items (snapshots, test, monitored cycle, rollback documented, owner).
    expect(closed.compliance?.missing.filter((m) => m.startsWith('ga4'))).toEqual([]);
    await h.core.handlers['changes.start'](
      { connectionId: h.connectionId, siteId: site.siteId, target: 'ga4', operation: 'update' },
      h.ctx,
    );
    const open = await eventually(async () => (await rowOf()).openChange, { timeoutMs: 60_000 });
    expect(open).toMatchObject({ operator: 'Ada Ops', target: 'ga4', step: 'config' });
  },
);
