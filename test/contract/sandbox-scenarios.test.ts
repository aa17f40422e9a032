import { afterEach, describe, expect, test } from 'vitest';
import {
  IntegrationResource,
  LogsPage,
  SiteHealth,
  TestResult,
  type LogEntry,
} from '../../shared/contract';
import { eventually, startHarness, type Harness } from './helpers';

/** High event rate and a tiny retry base: each drill shows its effect within a few seconds. */
const FAST = { eventsPerSecond: 250, retryBaseMs: 5 };
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function logs(hh: Harness, path: string, limit = 500): Promise<LogEntry[]> {
  return LogsPage.parse(
    (await hh.api('GET', `/sites/${hh.site}/integrations/${path}/logs?limit=${limit}`)).body,
  ).entries;
}
async function health(hh: Harness) {
  return SiteHealth.parse((await hh.api('GET', `/sites/${hh.site}/integrations/health`)).body);
}
const start = (hh: Harness, name: string) =>
  hh.api('POST', `/__sandbox/scenarios/${name}`, { body: { siteId: hh.site } });

describe('simulation scenarios', () => {
  test('baseline: the seeded site is healthy and all statuses flow', async () => {
    h = await startHarness(FAST);
    const hh = h;
    const meta2Logs = async () =>
      LogsPage.parse(
        (await hh.api('GET', `/sites/${hh.site2}/integrations/meta/logs?limit=100`)).body,
      ).entries;
    // Poll until the simulated traffic shows every status (fast on a fast machine, still passes on a slow one).
    const { ga4, gads, meta2 } = await eventually(async () => {
      const [g, a, m] = await Promise.all([logs(hh, 'ga4'), logs(hh, 'gads'), meta2Logs()]);
      const ready =
        g.some((e) => e.status === 'sent') &&
        g.some((e) => e.event === 'checkout_begin' && e.mappedEvent === 'begin_checkout') &&
        a.some((e) => e.status === 'skipped' && e.reason === 'no_mapping') &&
        m.length > 0;
      return ready ? { ga4: g, gads: a, meta2: m } : undefined;
    }, 20_000);
    const hl = await health(hh);
    expect(hl.status).toBe('healthy');
    expect(ga4.some((e) => e.status === 'sent')).toBe(true);
    expect(gads.some((e) => e.status === 'skipped' && e.reason === 'no_mapping')).toBe(true);
    // begin_checkout from the GTM data layer reaches the providers as checkout_begin.
    expect(
      ga4.some((e) => e.event === 'checkout_begin' && e.mappedEvent === 'begin_checkout'),
    ).toBe(true);
    // The second site's Meta integration is in test mode: logged, never sent.
    expect(meta2.length).toBeGreaterThan(0);
    expect(
      meta2
        .filter((e) => e.status !== 'filtered' && e.status !== 'skipped')
        .every((e) => e.status === 'test_mode'),
    ).toBe(true);
    // The second site's Google Ads integration is disabled: nothing processed.
    expect(
      LogsPage.parse((await hh.api('GET', `/sites/${hh.site2}/integrations/gads/logs`)).body).total,
    ).toBe(0);
  });

  test('rate_limit_storm: Meta 4/17 and Google RESOURCE_EXHAUSTED, retried; health degrades', async () => {
    h = await startHarness(FAST);
    const hh = h;
    await start(hh, 'rate_limit_storm');
    const meta = await eventually(async () => {
      const l = await logs(hh, 'meta');
      return l.some((e) => e.status === 'failed') &&
        l.some((e) => e.status === 'sent' && e.attempt > 1)
        ? l
        : undefined;
    });
    const retrying = meta.filter((e) => e.status === 'retrying');
    expect(retrying.length).toBeGreaterThan(0);
    // Throttling dominates; the odd baseline 5xx (code 2) may still appear.
    const throttled = retrying.filter((e) => /^OAuthException:(4|17)$/.test(e.error?.code ?? ''));
    expect(throttled.length / retrying.length).toBeGreaterThan(0.9);
    const gads = await logs(hh, 'gads');
    expect(
      gads.some((e) => e.status === 'retrying' && e.error?.code === 'RESOURCE_EXHAUSTED'),
    ).toBe(true);
    const m = (await health(hh)).integrations.find((i) => i.provider === 'meta')!;
    expect(m.window.retried).toBeGreaterThan(0);
    expect(['degraded', 'failing']).toContain(m.status);
  });

  test('provider_outage: 5xx, retries exhausted after 3 attempts, failing health', async () => {
    h = await startHarness(FAST);
    const hh = h;
    await start(hh, 'provider_outage');
    const ga4 = await eventually(async () => {
      const l = await logs(hh, 'ga4');
      return l.filter((e) => e.status === 'failed').length > 20 ? l : undefined;
    });
    const failed = ga4.filter((e) => e.status === 'failed');
    expect(
      failed.every(
        (e) => e.httpStatus === 503 && e.attempt === 3 && e.reason === 'retries exhausted',
      ),
    ).toBe(true);
    const hl = await health(hh);
    expect(hl.status).toBe('failing');
    const g = hl.integrations.find((i) => i.provider === 'ga4')!;
    expect(g.checks.find((c) => c.name === 'connectivity')?.status).toBe('fail');
    expect(g.window.failed).toBeGreaterThan(0);
  });

  test('a provider test is retried as live deliveries are: an outage fails it after 3 attempts, a cleared one passes', async () => {
    h = await startHarness(FAST);
    const hh = h;
    const runTest = async () =>
      TestResult.parse((await hh.api('POST', `/sites/${hh.site}/integrations/ga4/test`)).body);
    await start(hh, 'provider_outage');
    // The outage is total: every test fails, each after its 3 attempts.
    for (let i = 0; i < 5; i++) expect((await runTest()).ok).toBe(false);
    const failed = await runTest();
    const deliver = failed.steps.find((s) => s.name === 'deliver')!;
    expect(deliver.ok).toBe(false);
    expect(deliver.message).toMatch(/after 3 attempts: HTTP 503/);
    const tested = (await logs(hh, 'ga4')).filter((e) => e.test);
    expect(tested.some((e) => e.status === 'retrying')).toBe(true);
    await hh.api('DELETE', '/__sandbox/scenarios/provider_outage');
    expect((await runTest()).ok).toBe(true);
  });

  test('credentials_revoked: Meta OAuth 190, failed at once without retries; credentials check fails', async () => {
    h = await startHarness(FAST);
    const hh = h;
    await start(hh, 'credentials_revoked');
    const meta = await eventually(async () => {
      const l = await logs(hh, 'meta');
      return l.filter((e) => e.error?.code.startsWith('OAuthException:190')).length > 20
        ? l
        : undefined;
    });
    const auth = meta.filter((e) => e.error?.code.startsWith('OAuthException:190'));
    expect(
      auth.every((e) => e.status === 'failed' && e.attempt === 1 && e.httpStatus === 401),
    ).toBe(true);
    const m = (await health(hh)).integrations.find((i) => i.provider === 'meta')!;
    expect(m.status).toBe('failing');
    expect(m.checks.find((c) => c.name === 'credentials')?.status).toBe('fail');
    const t = TestResult.parse(
      (await hh.api('POST', `/sites/${hh.site}/integrations/meta/test`)).body,
    );
    expect(t.ok).toBe(false);
    expect(t.steps.at(-1)).toMatchObject({ name: 'deliver', ok: false });
    // GA4 never checks credentials: it keeps "working".
    expect((await health(hh)).integrations.find((i) => i.provider === 'ga4')?.status).toBe(
      'healthy',
    );
  });

  test('filter_suppression: >90% of purchases filtered while health stays healthy; the change stays after clear', async () => {
    h = await startHarness(FAST);
    const hh = h;
    const before = await hh.api('GET', `/sites/${hh.site}/integrations/ga4`);
    await start(hh, 'filter_suppression');
    const startedAt = new Date().toISOString();
    const purchases = await eventually(async () => {
      const p = (await logs(hh, 'ga4')).filter(
        (e) => e.event === 'purchase' && e.timestamp > startedAt && e.status !== 'retrying',
      );
      return p.length >= 12 ? p : undefined;
    });
    const filtered = purchases.filter((e) => e.status === 'filtered');
    expect(filtered.length / purchases.length).toBeGreaterThan(0.9);
    expect(filtered[0]?.reason).toContain('order.total gte 100000');
    const hl = await health(hh);
    expect(hl.status).toBe('healthy');
    expect(hl.integrations.find((i) => i.provider === 'ga4')!.window.filtered).toBeGreaterThan(0);
    await hh.api('DELETE', '/__sandbox/scenarios/filter_suppression');
    const after = await hh.api('GET', `/sites/${hh.site}/integrations/ga4`);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(
      IntegrationResource.parse(after.body).eventFilters.purchase?.conditions?.[0]?.value,
    ).toBe(100000);
  });

  test('mapping_overwrite: purchases skipped (no_mapping) on Meta; stays after clear', async () => {
    h = await startHarness(FAST);
    const hh = h;
    await start(hh, 'mapping_overwrite');
    const meta = await eventually(async () => {
      const l = await logs(hh, 'meta');
      return l.some((e) => e.event === 'purchase' && e.status === 'skipped') ? l : undefined;
    });
    expect(meta.find((e) => e.event === 'purchase' && e.status === 'skipped')?.reason).toBe(
      'no_mapping',
    );
    await hh.api('DELETE', '/__sandbox/scenarios');
    const m = IntegrationResource.parse(
      (await hh.api('GET', `/sites/${hh.site}/integrations/meta`)).body,
    );
    expect(m.eventMapping.purchase).toBeUndefined();
    expect(m.eventMapping.page_view).toBe('PageView');
  });

  test('webhook_receiver_down: 503s, retries then failed; clearing restores deliveries', async () => {
    h = await startHarness(FAST);
    const hh = h;
    const hook = (await hh.api('GET', `/sites/${hh.site}/integrations/webhooks`)).body.webhooks[0]
      .id as string;
    await start(hh, 'webhook_receiver_down');
    const path = `webhooks/${hook}`;
    await eventually(async () =>
      (await logs(hh, path)).some((e) => e.status === 'failed' && e.httpStatus === 503)
        ? true
        : undefined,
    );
    const l = await logs(hh, path);
    expect(l.some((e) => e.status === 'retrying' && e.httpStatus === 503)).toBe(true);
    const wh = (await health(hh)).webhooks[0]!;
    expect(['failing', 'degraded']).toContain(wh.status);
    await hh.api('DELETE', '/__sandbox/scenarios/webhook_receiver_down');
    const cleared = new Date().toISOString();
    await eventually(async () =>
      (await logs(hh, path)).some((e) => e.status === 'sent' && e.timestamp > cleared)
        ? true
        : undefined,
    );
  });

  test('api_slow: management calls for the site take 2-5 s more; the other site is unaffected', async () => {
    h = await startHarness({ eventsPerSecond: 0 });
    const hh = h;
    await start(hh, 'api_slow');
    let t = performance.now();
    expect((await hh.api('GET', `/sites/${hh.site}/integrations`)).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(1990);
    t = performance.now();
    await hh.api('GET', `/sites/${hh.site2}/integrations`);
    // Under the 2 s minimum injected delay means no delay was applied; the margin absorbs a loaded CI machine.
    expect(performance.now() - t).toBeLessThan(1990);
  });

  test('api_flaky: some calls answer 429 with Retry-After or 503; clearing restores', async () => {
    h = await startHarness({ eventsPerSecond: 0 });
    const hh = h;
    await start(hh, 'api_flaky');
    const results = [];
    for (let i = 0; i < 40; i++)
      results.push(await hh.api('GET', `/sites/${hh.site}/integrations/health`));
    const bad = results.filter((r) => r.status !== 200);
    expect(bad.length).toBeGreaterThan(3);
    expect(
      bad.every(
        (r) => (r.status === 429 || r.status === 503) && Number(r.headers['retry-after']) > 0,
      ),
    ).toBe(true);
    expect(results.some((r) => r.status === 200)).toBe(true);
    await hh.api('DELETE', '/__sandbox/scenarios/api_flaky');
    for (let i = 0; i < 20; i++)
      expect((await hh.api('GET', `/sites/${hh.site}/integrations/health`)).status).toBe(200);
  });
});
