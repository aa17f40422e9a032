import { expect, it } from 'vitest';
import { sha256Of, snapshotBody } from '../../../main/core/snapshots/body';
import { siteCells } from '../../../main/core/fleet/site-cells';
import type { Site } from '../../../shared/bridge';
import { Runbook } from '../../../shared/domain/workflow/runbook';

const site: Site = {
  id: 'site-a',
  connectionId: 'conn',
  label: 'Shop',
  siteId: '00000000-0000-4000-8000-000000000001',
};
const GOOD = {
  provider: 'ga4' as const,
  enabled: true,
  testMode: false,
  config: { measurementId: 'G-AAAA1111', apiSecret: '••••1234' },
  eventMapping: { purchase: 'purchase' } as Record<string, string>,
  reverseEventMapping: {},
  eventFilters: {},
};

it('drift: none while the live config behaves like the known-good, drifted after an outside edit, re-read after a change or 5 min', async () => {
  let now = Date.parse('2026-01-05T10:00:00Z');
  let live = { ...GOOD, updatedAt: '2026-01-05T09:00:00Z' };
  let reads = 0;
  const good = snapshotBody('ga4', GOOD);
  const cells = siteCells({
    changesOf: () => [],
    runbook: ({ target }) => Promise.resolve(Runbook.parse({ target, saved: false })),
    targets: () =>
      Promise.resolve([
        {
          target: 'ga4',
          count: 1,
          // Only the fields drift reads (version, sha256) matter here.
          knownGood: { version: 1, sha256: sha256Of(good), knownGood: true } as never,
        },
      ]),
    snapshotBody: () => Promise.resolve(good),
    integrations: () => {
      reads++;
      return Promise.resolve({
        data: [live],
        fetchedAt: new Date(now).toISOString(),
        stale: false,
      });
    },
    now: () => now,
  });
  expect((await cells.cellsOf(site, null)).drift).toMatchObject({ state: 'none', targets: [] });
  live = { ...live, eventMapping: {}, updatedAt: '2026-01-05T10:01:00Z' };
  now += 60_000;
  expect((await cells.cellsOf(site, null)).drift?.state).toBe('none'); // not read again yet
  expect(reads).toBe(1);
  now += 300_000;
  const drifted = (await cells.cellsOf(site, null)).drift;
  expect(drifted).toMatchObject({ state: 'drifted', targets: ['ga4'] });
  expect(reads).toBe(2);
  const all = await cells.cellsOf(site, {
    at: '',
    stale: false,
    status: 'healthy',
    providers: { ga4: 'healthy' },
    webhooks: [],
  });
  expect(all.compliance).toMatchObject({ met: 0, total: 5 });
  expect(all.compliance?.missing[0]).toMatch(/^ga4: Every integration change/);
});
