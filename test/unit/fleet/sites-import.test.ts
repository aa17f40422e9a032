import { afterEach, expect, it } from 'vitest';
import { request } from 'undici';
import { RequestLedger } from '../../../shared/contract';
import { fleetHarness, TOKEN, type FleetHarness } from './harness';

let h: FleetHarness;
afterEach(() => h?.stop());

const ledger = async () =>
  RequestLedger.parse(
    await (
      await request(`${h.sb.origin}/__sandbox/requests`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
    ).body.json(),
  );

it(
  'checks each pasted site against the API, shows its answer, refuses duplicates and saves the rest in one go',
  { timeout: 60_000 },
  async () => {
    h = await fleetHarness({ fleetSites: 6 });
    const [a, b, c, d] = h.sb.sites.slice(2).map((s) => s.id);
    const handlers = h.core.handlers;
    await handlers['sites.save'](
      { connectionId: h.connectionId, siteId: c!, label: 'Kept' },
      h.ctx,
    );
    const before = (await ledger()).total;
    const { results } = await handlers['sites.import'](
      {
        connectionId: h.connectionId,
        rows: [
          { line: 1, siteId: a!, label: 'Alpen Coffee' },
          { line: 2, siteId: b!.toUpperCase(), label: '' },
          { line: 3, siteId: '00000000-0000-4000-8000-000000000000', label: 'Ghost' },
          { line: 4, siteId: 'not-a-site', label: 'Typo' },
          { line: 5, siteId: a!, label: 'Again' },
          { line: 6, siteId: c!, label: 'Already' },
          // The single add's rule: a label names one site per connection.
          { line: 7, siteId: d!, label: 'kept' },
        ],
      },
      h.ctx,
    );
    expect(results.map((r) => [r.line, r.outcome])).toEqual([
      [1, 'added'],
      [2, 'added'],
      [3, 'not_found'],
      [4, 'invalid'],
      [5, 'duplicate'],
      [6, 'duplicate'],
      [7, 'duplicate'],
    ]);
    expect(results[0]!.message).toMatch(/^Found, with ga4/);
    expect(results[1]!.label).toBe(`Site ${b!.slice(0, 8)}`);
    expect(results[2]!.message).toMatch(/does not know this site/);
    expect(results[4]!.message).toBe('Listed twice: already on line 1.');
    expect(results[5]!.message).toBe('This site is already saved as "Kept" on that connection.');
    expect(results[6]!.message).toMatch(/^The label "kept" already names site /);
    // Only the three rows that could be sites went to the API.
    expect((await ledger()).total - before).toBe(3);
    const sites = await handlers['sites.list']({}, h.ctx);
    expect(sites.map((s) => s.label).sort()).toEqual([
      'Alpen Coffee',
      'Kept',
      `Site ${b!.slice(0, 8)}`,
    ]);
    expect(sites.find((s) => s.label === 'Alpen Coffee')?.id).toBe(results[0]!.key);
    const progress = h.events.filter((e) => e.name === 'sites.importProgress').at(-1);
    expect(progress?.payload).toMatchObject({ done: 7, total: 7 });
  },
);

it(
  'removes and relabels many sites at once; the fleet rows follow',
  { timeout: 60_000 },
  async () => {
    h = await fleetHarness({ fleetSites: 4, eventsPerSecond: 0 });
    const handlers = h.core.handlers;
    const rows = h.sb.sites.slice(2).map((s, i) => ({ line: i + 1, siteId: s.id, label: s.name }));
    const { results } = await handlers['sites.import'](
      { connectionId: h.connectionId, rows },
      h.ctx,
    );
    const keys = results.map((r) => r.key!);
    const picture = await handlers['fleet.rows']({}, h.ctx);
    expect(picture.rows).toHaveLength(4);
    await handlers['sites.relabel'](
      { labels: keys.slice(0, 2).map((id, i) => ({ id, label: `Client A – shop ${i + 1}` })) },
      h.ctx,
    );
    expect((await handlers['sites.removeMany']({ ids: keys.slice(2) }, h.ctx)).removed).toBe(2);
    const after = await handlers['fleet.rows']({}, h.ctx);
    expect(after.rows.map((r) => r.label).sort()).toEqual([
      'Client A – shop 1',
      'Client A – shop 2',
    ]);
    await expect(
      handlers['sites.relabel']({ labels: [{ id: 'site-gone', label: 'x' }] }, h.ctx),
    ).rejects.toMatchObject({ error: { kind: 'not_found' } });
  },
);
