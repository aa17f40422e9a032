import { expect, it } from 'vitest';
import { FleetService } from '../../../main/core/fleet/fleet-service';
import { RequestBudget } from '../../../main/core/scheduler/request-budget';
import { OpsFailure, type Fetched, type Site } from '../../../shared/bridge';
import type { SiteHealth } from '../../../shared/contract';
import { ManualClock } from '../tail/manual-clock';

const SITES: Site[] = ['a', 'b', 'c'].map((k, i) => ({
  id: `site-${k}`,
  connectionId: 'conn',
  label: `Shop ${k}`,
  siteId: `00000000-0000-4000-8000-00000000000${i}`,
}));

function health(status: SiteHealth['status'], at: number): Fetched<SiteHealth> {
  return {
    data: { siteId: 'x', status, checkedAt: '', integrations: [], webhooks: [] },
    fetchedAt: new Date(at).toISOString(),
    stale: false,
  };
}

function setup(answer: (siteId: string) => Promise<Fetched<SiteHealth>>) {
  const clock = new ManualClock();
  const asked: string[] = [];
  const emitted: unknown[] = [];
  const budget = new RequestBudget(clock);
  const service = new FleetService({
    clock,
    emit: (_name, payload) => emitted.push(payload),
    sites: () => SITES,
    connections: () => [{ id: 'conn', name: 'Prod' }],
    readHealth: (_c, siteId) => {
      asked.push(siteId);
      return answer(siteId);
    },
    cachedHealth: () => Promise.resolve(undefined),
    budget: () => budget,
    rounds: { minRoundMs: 1_000 },
    idleMs: 10_000,
  });
  return { clock, asked, emitted, service, budget };
}

it('reads what is on screen first, shows refusals as error cells, and keeps a cell through a rate-limit refusal', async () => {
  let refuse = false;
  const { clock, asked, service } = setup((siteId) => {
    if (siteId.endsWith('1'))
      return Promise.reject(new OpsFailure({ kind: 'not_found', message: 'Site not found (404)' }));
    if (refuse && siteId.endsWith('0'))
      return Promise.reject(new OpsFailure({ kind: 'rate_limited', message: 'wait' }));
    return Promise.resolve(health(siteId.endsWith('2') ? 'failing' : 'healthy', clock.now()));
  });
  service.setVisible(['site-c']);
  await clock.advance(100);
  expect(asked[0]).toBe(SITES[2]!.siteId);
  const rows = service.picture().rows;
  expect(rows.find((r) => r.key === 'site-b')!.health).toMatchObject({
    status: 'error',
    error: 'Site not found (404)',
  });
  expect(rows.find((r) => r.key === 'site-c')!.health!.status).toBe('failing');
  refuse = true;
  const before = rows.find((r) => r.key === 'site-a')!.health;
  service.setVisible(['site-a']);
  await clock.advance(2_000);
  expect(service.picture().rows.find((r) => r.key === 'site-a')!.health).toEqual(before);
  service.close();
});

it('stops polling when no screen has asked for a while, and picks up again when one does', async () => {
  const { clock, asked, service } = setup((siteId) =>
    Promise.resolve(health(siteId.endsWith('2') ? 'failing' : 'healthy', clock.now())),
  );
  service.picture();
  await clock.advance(9_000);
  const whileWatched = asked.length;
  expect(whileWatched).toBeGreaterThan(6);
  await clock.advance(60_000);
  const stoppedAt = asked.length;
  await clock.advance(60_000);
  expect(asked.length).toBe(stoppedAt);
  service.picture();
  await clock.advance(3_000);
  expect(asked.length).toBeGreaterThan(stoppedAt);
  service.close();
});
