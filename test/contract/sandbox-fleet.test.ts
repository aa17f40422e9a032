import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { fleetSites, latentProblemOf } from '../../main/sandbox/fleet';
import { RequestLedger, SiteHealth } from '../../shared/contract';
import { eventually, startHarness } from './helpers';

test('a fleet is deterministic, varied, and grows without touching the sites it already has', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-fleet-'));
  try {
    const a = await startHarness({ fleetSites: 12 }, dir);
    const first = a.sb.sites;
    expect(first).toHaveLength(14);
    expect(first.slice(0, 2).map((s) => s.name)).toEqual([
      'Nordwind Outdoor (demo)',
      'Casa Lumen Home (demo)',
    ]);
    expect(new Set(first.map((s) => s.name)).size).toBe(14);
    // Same seed, another folder: the same sites.
    const twin = await startHarness({ fleetSites: 12 });
    expect(twin.sb.sites).toEqual(first);
    await twin.stop();

    // A fleet site edited through the API keeps its edit when the fleet grows.
    const edited = first[5]!.id;
    const ga4 = await a.api('GET', `/sites/${edited}/integrations/ga4`);
    await a.api('PUT', `/sites/${edited}/integrations/ga4`, {
      body: { ...ga4.body, eventMapping: { ...ga4.body.eventMapping, custom_event: 'kept' } },
    });
    await a.sb.close();
    const b = await startHarness({ fleetSites: 20 }, dir);
    try {
      expect(b.sb.sites.slice(0, 14)).toEqual(first);
      expect(b.sb.sites).toHaveLength(22);
      const after = await b.api('GET', `/sites/${edited}/integrations/ga4`);
      expect(after.body.eventMapping.custom_event).toBe('kept');
    } finally {
      await b.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('fleet sites vary in currency, providers and traffic; every one has GA4', () => {
  const sites = fleetSites(42, 200, 'http://127.0.0.1:1');
  expect(new Set(sites.map((s) => s.currency)).size).toBeGreaterThan(4);
  expect(sites.every((s) => s.integrations.ga4)).toBe(true);
  expect(sites.filter((s) => s.integrations.meta).length).toBeGreaterThan(100);
  expect(sites.filter((s) => !s.integrations.gads).length).toBeGreaterThan(40);
  const traffic = sites.map((s) => s.traffic ?? 1);
  expect(Math.max(...traffic) / Math.min(...traffic)).toBeGreaterThan(4);
  expect(sites.filter((s) => s.latent).length).toBe(25);
});

test('latent problems show in health once traffic flows: failing and degraded sites among healthy ones', async () => {
  const h = await startHarness({ fleetSites: 16, eventsPerSecond: 30 });
  try {
    const ids = h.sb.siteIds.slice(2);
    const status = async (id: string) =>
      SiteHealth.parse((await h.api('GET', `/sites/${id}/integrations/health`)).body);
    // Index 3: meta_token_invalid (failing); index 11: ga4_no_secret (degraded).
    expect(latentProblemOf(3)).toBe('meta_token_invalid');
    expect(latentProblemOf(11)).toBe('ga4_no_secret');
    await eventually(async () => (await status(ids[3]!)).status === 'failing');
    await eventually(async () => (await status(ids[11]!)).status === 'degraded');
    const healthy = await eventually(async () => {
      const all = await Promise.all(ids.map(status));
      return all.filter((x) => x.status === 'healthy').length >= 10;
    });
    expect(healthy).toBe(true);
  } finally {
    await h.stop();
  }
});

test('the request ledger counts what the API served, writes per site, and the limiter 429s', async () => {
  const h = await startHarness({ rateLimitPerMinute: 5 });
  try {
    const ga4 = await h.api('GET', `/sites/${h.site}/integrations/ga4`);
    await h.api('PUT', `/sites/${h.site}/integrations/ga4`, { body: ga4.body });
    for (let i = 0; i < 4; i++) await h.api('GET', `/sites/${h.site}/integrations`);
    const ledger = RequestLedger.parse((await h.api('GET', '/__sandbox/requests')).body);
    expect(ledger.total).toBe(6);
    expect(ledger.byMethod).toEqual({ GET: 5, PUT: 1 });
    expect(ledger.rateLimited).toBe(1);
    expect(ledger.byStatus['429']).toBe(1);
    expect(ledger.writes[h.site]).toEqual({ 'PUT ga4': 1 });
    expect(ledger.perMinute.reduce((a, b) => a + b, 0)).toBe(6);
    expect((await h.api('DELETE', '/__sandbox/requests')).status).toBe(204);
    expect(RequestLedger.parse((await h.api('GET', '/__sandbox/requests')).body).total).toBe(0);
  } finally {
    await h.stop();
  }
});
