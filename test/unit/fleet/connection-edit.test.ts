import { afterEach, expect, it } from 'vitest';
import { fleetHarness, TOKEN, type FleetHarness } from './harness';
import { importFleet } from './rollout-helpers';

let h: FleetHarness;
afterEach(() => h?.stop());

it(
  'editing a connection while its reads wait for their turn in the request budget: every read still gets a live answer',
  { timeout: 120_000 },
  async () => {
    // 120 requests/min: a dozen reads queue in the connection's budget for several seconds.
    h = await fleetHarness({ fleetSites: 2, rateLimitPerMinute: 120 });
    const sites = await importFleet(h);
    const reads = sites
      .slice(0, 4)
      .flatMap((s) =>
        [1, 2, 3].map(() =>
          h.core.handlers['health.get'](
            { connectionId: h.connectionId, siteId: s.siteId, freshness: 'live' },
            h.ctx,
          ),
        ),
      );
    // The operator renames the connection meanwhile (a profile change rebuilds its client).
    await h.core.handlers['connections.save'](
      {
        id: h.connectionId,
        name: 'Fleet (renamed)',
        baseUrl: h.sb.url,
        authScheme: 'bearer',
        token: TOKEN,
      },
      h.ctx,
    );
    const answers = await Promise.allSettled(reads);
    const failed = answers.flatMap((a) => (a.status === 'rejected' ? [String(a.reason)] : []));
    expect(failed).toEqual([]);
    for (const a of answers) if (a.status === 'fulfilled') expect(a.value.stale).toBe(false);
  },
);
