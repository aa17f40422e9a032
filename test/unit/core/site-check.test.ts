import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { siteConflict } from '../../../main/core/connections/site-rules';
import { Harness } from '../changes/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

const S1 = '11111111-1111-4111-8111-111111111111';
const S2 = '22222222-2222-4222-8222-222222222222';

describe('sites are checked when added', () => {
  it('the rule: one site id and one label per connection (labels case-insensitively)', () => {
    const saved = [
      { id: 'a', connectionId: 'c1', label: 'Shop EU', siteId: S1 },
      { id: 'b', connectionId: 'c2', label: 'Shop US', siteId: S2 },
    ];
    expect(siteConflict(saved, { connectionId: 'c1', label: 'Other', siteId: S1 })).toMatch(
      /already saved as "Shop EU"/,
    );
    expect(siteConflict(saved, { connectionId: 'c1', label: ' shop eu ', siteId: S2 })).toMatch(
      /label "shop eu" already names site 1111/,
    );
    // Another connection is another API: the same label and id are fine there.
    expect(
      siteConflict(saved, { connectionId: 'c2', label: 'Shop EU', siteId: S1 }),
    ).toBeUndefined();
    // An edit keeps its own label and id.
    expect(
      siteConflict(saved, { id: 'a', connectionId: 'c1', label: 'Shop EU', siteId: S1 }),
    ).toBeUndefined();
  });

  it(
    'a site id the API does not know is refused with the API answer; a known one is saved with it',
    { timeout: 30_000 },
    async () => {
      const hh = (h = await new Harness().open());
      const before = await hh.call('sites.list', {});
      const unknown = randomUUID();
      await expect(
        hh.call('sites.save', { connectionId: 'sandbox', label: 'Typo shop', siteId: unknown }),
      ).rejects.toThrow(
        new RegExp(
          `Site ${unknown} does not exist on this connection: the API answered "Not found.*404`,
        ),
      );
      expect(await hh.call('sites.list', {})).toEqual(before);

      // The second demo site, removed and added again: the API knows it.
      const second = before.find((s) => s.siteId === hh.core.sandbox!.siteIds[1])!;
      await hh.call('sites.remove', { id: second.id });
      const saved = await hh.call('sites.save', {
        connectionId: 'sandbox',
        label: 'Outlet again',
        siteId: second.siteId,
      });
      expect(saved.checked?.integrations.sort()).toEqual(['gads', 'ga4', 'meta'].sort());
      expect(saved.checked?.durationMs).toBeGreaterThanOrEqual(0);
    },
  );

  it(
    'a duplicate label is refused before the API is asked; a relabel asks the API nothing',
    { timeout: 30_000 },
    async () => {
      const hh = (h = await new Harness().open());
      const [first, second] = await hh.call('sites.list', {});
      const gets = async () => (await hh.call('diagnostics.list', {})).length;
      const asked = await gets();
      await expect(
        hh.call('sites.save', {
          id: second!.id,
          connectionId: 'sandbox',
          label: first!.label.toUpperCase(),
          siteId: second!.siteId,
        }),
      ).rejects.toThrow(/already names site/);
      const relabelled = await hh.call('sites.save', {
        id: second!.id,
        connectionId: 'sandbox',
        label: 'Outlet (sandbox)',
        siteId: second!.siteId,
      });
      expect(relabelled).toMatchObject({ label: 'Outlet (sandbox)' });
      expect(relabelled.checked).toBeUndefined();
      expect(await gets()).toBe(asked);
    },
  );
});
