import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { request } from 'undici';
import {
  ApiErrorBody,
  DataLayerConfig,
  DefaultMappings,
  IntegrationList,
  IntegrationResource,
  LogsPage,
  ScenarioList,
  SiteHealth,
  TestResult,
  Webhook,
  WebhookList,
  MASK_PREFIX,
} from '../../shared/contract';
import { startHarness, TOKEN, type Harness } from './helpers';

let h: Harness;
const base = () => `/sites/${h.site}/integrations`;

function expectError(res: { status: number; body: any }, status: number) {
  expect(res.status).toBe(status);
  const body = ApiErrorBody.parse(res.body);
  expect(body.statusCode).toBe(status);
  expect(typeof body.message).toBe('string');
  return body;
}

beforeAll(async () => {
  h = await startHarness({ eventsPerSecond: 100 });
});
afterAll(async () => {
  await h.stop();
});

describe('auth', () => {
  test('401 without a token, with a wrong one; x-api-key accepted', async () => {
    const none = await request(`${h.sb.url}${base()}`);
    expect(none.statusCode).toBe(401);
    expect(ApiErrorBody.parse(await none.body.json()).statusCode).toBe(401);
    expectError(await h.api('GET', base(), { headers: { authorization: 'Bearer nope' } }), 401);
    const key = await request(`${h.sb.url}${base()}`, { headers: { 'x-api-key': TOKEN } });
    expect(key.statusCode).toBe(200);
    await key.body.dump();
    expectError(
      await h.api('GET', '/__sandbox/scenarios', { headers: { authorization: 'Bearer nope' } }),
      401,
    );
  });
});

describe('provider integrations', () => {
  test('list: envelope, three seeded providers, secrets masked', async () => {
    const res = await h.api('GET', base());
    expect(res.status).toBe(200);
    const list = IntegrationList.parse(res.body);
    expect(list.siteId).toBe(h.site);
    expect(list.integrations.map((i) => i.provider).sort()).toEqual(['ga4', 'gads', 'meta']);
    const meta = list.integrations.find((i) => i.provider === 'meta')!;
    expect(String(meta.config.accessToken)).toMatch(new RegExp(`^${MASK_PREFIX}.{4}$`));
    expect(
      String(list.integrations.find((i) => i.provider === 'ga4')!.config.apiSecret).startsWith(
        MASK_PREFIX,
      ),
    ).toBe(true);
  });

  test('GET one with a quoted ETag; google_ads answered as gads', async () => {
    const res = await h.api('GET', `${base()}/google_ads`);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toMatch(/^"[^"]+"$/);
    expect(IntegrationResource.parse(res.body).provider).toBe('gads');
  });

  test('fixed segments win over :provider', async () => {
    expect(SiteHealth.parse((await h.api('GET', `${base()}/health`)).body).siteId).toBe(h.site);
    expect(
      DataLayerConfig.parse((await h.api('GET', `${base()}/data-layer`)).body).variableName,
    ).toBe('selwiseLayer');
    expect(
      WebhookList.parse((await h.api('GET', `${base()}/webhooks`)).body).webhooks,
    ).toHaveLength(1);
    expectError(await h.api('PUT', `${base()}/health`, { body: {} }), 405);
  });

  test('PUT from a GET keeps masked secrets, answers the stored object, changes the ETag; stale If-Match is 412 with current', async () => {
    const got = await h.api('GET', `${base()}/meta`);
    const etag = got.headers.etag as string;
    const next = {
      ...got.body,
      eventFilters: {
        purchase: {
          enabled: true,
          conditions: [{ field: 'order.total', operator: 'gte', value: 2 }],
        },
      },
    };
    const put = await h.api('PUT', `${base()}/meta`, { body: next, headers: { 'if-match': etag } });
    expect(put.status).toBe(200);
    const stored = IntegrationResource.parse(put.body);
    expect(stored.config.accessToken).toBe(got.body.config.accessToken);
    expect(stored.eventFilters.purchase?.conditions?.[0]?.value).toBe(2);
    expect(put.headers.etag).not.toBe(etag);
    // The real token is still there: a delivery test authenticates.
    const t = TestResult.parse(
      (await h.api('POST', `${base()}/meta/test`, { body: { event: 'page_view' } })).body,
    );
    expect(t.steps.find((s) => s.name === 'validate_config')?.ok).toBe(true);

    const stale = await h.api('PUT', `${base()}/meta`, {
      body: next,
      headers: { 'if-match': etag },
    });
    const err = expectError(stale, 412);
    expect((err as any).current.eventFilters.purchase.conditions[0].value).toBe(2);
    expect((err as any).current.config.accessToken.startsWith(MASK_PREFIX)).toBe(true);
  });

  test('422 with details: missing measurementId, malformed pixel id, unknown operator, bad uuid', async () => {
    const ga4 = expectError(
      await h.api('PUT', `${base()}/ga4`, { body: { enabled: true, config: {} } }),
      422,
    );
    expect(ga4.details?.some((d) => d.path === 'config.measurementId')).toBe(true);
    const meta = expectError(
      await h.api('PUT', `${base()}/meta`, { body: { config: { pixelId: '12ab' } } }),
      422,
    );
    expect(meta.details?.[0]?.path).toBe('config.pixelId');
    const op = expectError(
      await h.api('PUT', `${base()}/gads`, {
        body: {
          config: { conversionId: 'AW-123456789', conversionLabel: 'abc' },
          eventFilters: {
            purchase: {
              enabled: true,
              conditions: [{ field: 'order.total', operator: 'between', value: 1 }],
            },
          },
        },
      }),
      422,
    );
    expect(op.details?.[0]?.path).toBe('eventFilters.purchase.conditions.0.operator');
    const uuid = expectError(await h.api('GET', '/sites/not-a-uuid/integrations'), 422);
    expect(uuid.details?.[0]?.path).toBe('siteId');
    expectError(await h.api('PUT', `${base()}/ga4`, { body: [1, 2] }), 422);
    // A mask with nothing stored behind it cannot be kept.
    const masked = expectError(
      await h.api('POST', `${base()}/webhooks`, {
        body: {
          name: 'x',
          url: 'http://127.0.0.1:1/x',
          authType: 'bearer',
          authConfig: { token: `${MASK_PREFIX}abcd` },
        },
      }),
      422,
    );
    expect(masked.details?.[0]?.path).toBe('authConfig.token');
  });

  test('404: unknown site, unknown provider, unknown route', async () => {
    expectError(
      await h.api('GET', '/sites/11111111-2222-4333-8444-555555555555/integrations'),
      404,
    );
    expectError(await h.api('GET', `${base()}/tiktok`), 404);
    expectError(await h.api('GET', `${base()}/tiktok/logs`), 404);
    expectError(await h.api('GET', '/nothing/here'), 404);
  });

  test('DELETE -> 204, then 404; PUT re-creates -> 201', async () => {
    const got = await h.api('GET', `/sites/${h.site2}/integrations/gads`);
    const del = await h.api('DELETE', `/sites/${h.site2}/integrations/google_ads`);
    expect(del.status).toBe(204);
    expectError(await h.api('GET', `/sites/${h.site2}/integrations/gads`), 404);
    expectError(await h.api('DELETE', `/sites/${h.site2}/integrations/gads`), 404);
    const { provider: _p, siteId: _s, createdAt: _c, updatedAt: _u, ...body } = got.body;
    const put = await h.api('PUT', `/sites/${h.site2}/integrations/gads`, { body });
    expect(put.status).toBe(201);
    expect(IntegrationResource.parse(put.body).config.conversionId).toBe(
      got.body.config.conversionId,
    );
  });

  test('mappings: the provider defaults', async () => {
    const m = DefaultMappings.parse((await h.api('GET', `${base()}/meta/mappings`)).body);
    expect(m.eventMapping.purchase).toBe('Purchase');
    expect(
      DefaultMappings.parse((await h.api('GET', `${base()}/google_ads/mappings`)).body).provider,
    ).toBe('gads');
  });

  test('logs: newest first, default 50, max 500 else 422', async () => {
    const page = LogsPage.parse((await h.api('GET', `${base()}/ga4/logs`)).body);
    expect(page.limit).toBe(50);
    expect(page.offset).toBe(0);
    expect(page.entries.length).toBeGreaterThan(0);
    const ids = page.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const second = LogsPage.parse((await h.api('GET', `${base()}/ga4/logs?limit=5&offset=3`)).body);
    expect(second.entries.length).toBe(5);
    expect(LogsPage.parse((await h.api('GET', `${base()}/ga4/logs?limit=500`)).body).limit).toBe(
      500,
    );
    expect(
      expectError(await h.api('GET', `${base()}/ga4/logs?limit=501`), 422).details?.[0]?.path,
    ).toBe('query.limit');
    expectError(await h.api('GET', `${base()}/ga4/logs?offset=-1`), 422);
  });
});

describe('test endpoint', () => {
  test('staged result through the real path', async () => {
    const r = TestResult.parse((await h.api('POST', `${base()}/ga4/test`)).body);
    expect(r.provider).toBe('ga4');
    expect(r.steps.map((s) => s.name)).toEqual([
      'validate_config',
      'reverse_map',
      'filter',
      'map',
      'validate_payload',
      'deliver',
    ]);
    expect(r.ok).toBe(true);
  });

  test('reverse mapping, filter and mapping steps fail clearly', async () => {
    const rev = TestResult.parse(
      (await h.api('POST', `${base()}/ga4/test`, { body: { event: 'begin_checkout' } })).body,
    );
    expect(rev.steps[1]?.message).toContain('checkout_begin');
    const filtered = TestResult.parse(
      (
        await h.api('POST', `${base()}/ga4/test`, {
          body: { event: 'purchase', payload: { order: { id: 'o1', total: 0 } } },
        })
      ).body,
    );
    expect(filtered.ok).toBe(false);
    expect(filtered.steps.at(-1)?.name).toBe('filter');
    const unmapped = TestResult.parse(
      (await h.api('POST', `${base()}/gads/test`, { body: { event: 'page_view' } })).body,
    );
    expect(unmapped.steps.at(-1)).toMatchObject({ name: 'map', ok: false });
  });

  test('invalid credentials fail at validate_config; a bad token fails at deliver', async () => {
    const got = await h.api('GET', `/sites/${h.site2}/integrations/meta`);
    const { accessToken: _t, ...config } = got.body.config;
    await h.api('PUT', `/sites/${h.site2}/integrations/meta`, {
      body: { ...got.body, testMode: false, config },
    });
    const r = TestResult.parse(
      (await h.api('POST', `/sites/${h.site2}/integrations/meta/test`)).body,
    );
    expect(r.ok).toBe(false);
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]).toMatchObject({ name: 'validate_config', ok: false });
  });
});

describe('webhooks', () => {
  test('CRUD, masked secrets, real test delivery to the receiver, logs, 404s', async () => {
    const list = WebhookList.parse((await h.api('GET', `${base()}/webhooks`)).body);
    const seeded = list.webhooks[0]!;
    expect(String(seeded.authConfig.secret).startsWith(MASK_PREFIX)).toBe(true);

    const created = await h.api('POST', `${base()}/webhooks`, {
      body: {
        name: 'Ops hook',
        url: `${h.sb.origin}/__receiver/${h.site}/placeholder`,
        events: ['purchase'],
        authType: 'api_key',
        authConfig: { headerName: 'X-Key', key: 'k-1234567890abcdef' },
      },
    });
    expect(created.status).toBe(201);
    const hook = Webhook.parse(created.body);
    expect(hook.authConfig.key).toBe(`${MASK_PREFIX}cdef`);
    expect(hook.retryPolicy.maxAttempts).toBe(3);
    const path = `${base()}/webhooks/${hook.id}`;
    // Point it at the receiver under its real id; the masked key must be kept so the receiver accepts it.
    const got = await h.api('GET', path);
    const put = await h.api('PUT', path, {
      body: { ...got.body, url: `${h.sb.origin}/__receiver/${h.site}/${hook.id}` },
      headers: { 'if-match': got.headers.etag as string },
    });
    expect(put.status).toBe(200);
    const test1 = TestResult.parse((await h.api('POST', `${path}/test`)).body);
    expect(test1.ok).toBe(true);
    expect(test1.steps.map((s) => s.name)).toEqual(['validate_config', 'deliver']);
    const logs = LogsPage.parse((await h.api('GET', `${path}/logs?limit=10`)).body);
    // The simulated pipeline delivers real purchases to the hook too: the newest entry may be one.
    expect(logs.entries.find((e) => e.test)).toMatchObject({
      webhookId: hook.id,
      status: 'sent',
      httpStatus: 200,
      test: true,
    });

    // A wrong key is refused by the receiver: the test shows the 401.
    await h.api('PUT', path, {
      body: { ...put.body, authConfig: { headerName: 'X-Key', key: 'wrong-key-000000' } },
    });
    const test2 = TestResult.parse((await h.api('POST', `${path}/test`)).body);
    expect(test2.ok).toBe(false);
    expect(test2.steps[1]?.message).toContain('http_401');

    expect((await h.api('DELETE', path)).status).toBe(204);
    expectError(await h.api('GET', path), 404);
    expectError(await h.api('GET', `${path}/logs`), 404);
    expectError(await h.api('POST', `${path}/test`), 404);
  });

  test('422: bad URL, missing auth fields, external URL without the flag', async () => {
    const bad = expectError(
      await h.api('POST', `${base()}/webhooks`, { body: { name: 'x', url: 'not a url' } }),
      422,
    );
    expect(bad.details?.[0]?.path).toBe('url');
    const auth = expectError(
      await h.api('POST', `${base()}/webhooks`, {
        body: { name: 'x', url: 'http://127.0.0.1:1/x', authType: 'bearer' },
      }),
      422,
    );
    expect(auth.details?.[0]?.path).toBe('authConfig.token');
    const ext = expectError(
      await h.api('POST', `${base()}/webhooks`, {
        body: { name: 'x', url: 'https://hooks.example.com/x' },
      }),
      422,
    );
    expect(ext.details?.[0]?.path).toBe('url');
  });
});

describe('data layer', () => {
  test('PUT replaces with defaults, ETag/412, 422 on a bad variable name', async () => {
    const got = await h.api('GET', `${base()}/data-layer`);
    const put = await h.api('PUT', `${base()}/data-layer`, {
      body: { variableName: 'shopLayer', bufferSize: 25 },
      headers: { 'if-match': got.headers.etag as string },
    });
    expect(put.status).toBe(200);
    const dl = DataLayerConfig.parse(put.body);
    expect(dl).toMatchObject({ variableName: 'shopLayer', bufferSize: 25, flushInterval: 1000 });
    expectError(
      await h.api('PUT', `${base()}/data-layer`, {
        body: {},
        headers: { 'if-match': got.headers.etag as string },
      }),
      412,
    );
    const bad = expectError(
      await h.api('PUT', `${base()}/data-layer`, { body: { variableName: '1abc' } }),
      422,
    );
    expect(bad.details?.[0]?.path).toBe('variableName');
  });
});

describe('scenario control', () => {
  test('list, start on a chosen site, clear one, clear all, unknown -> 404', async () => {
    const list = ScenarioList.parse((await h.api('GET', '/__sandbox/scenarios')).body);
    expect(list.scenarios).toHaveLength(8);
    expect(list.scenarios.every((s) => !s.active)).toBe(true);
    const started = await h.api('POST', '/__sandbox/scenarios/api_slow', {
      body: { siteId: h.site2 },
    });
    expect(started.body).toMatchObject({ name: 'api_slow', active: true, siteId: h.site2 });
    const def = await h.api('POST', '/__sandbox/scenarios/provider_outage');
    expect(def.body.siteId).toBe(h.site);
    expect((await h.api('DELETE', '/__sandbox/scenarios/api_slow')).status).toBe(204);
    expect((await h.api('DELETE', '/__sandbox/scenarios')).status).toBe(204);
    expect(
      ScenarioList.parse((await h.api('GET', '/__sandbox/scenarios')).body).scenarios.some(
        (s) => s.active,
      ),
    ).toBe(false);
    expectError(await h.api('POST', '/__sandbox/scenarios/meteor_strike'), 404);
    expectError(
      await h.api('POST', '/__sandbox/scenarios/api_slow', { body: { siteId: 'nope' } }),
      422,
    );
  });
});

describe('rate limit', () => {
  test('429 with Retry-After and X-RateLimit-* beyond the configured rate', async () => {
    const small = await startHarness({ rateLimitPerMinute: 3 });
    try {
      const ok = await small.api('GET', `/sites/${small.site}/integrations`);
      expect(ok.headers['x-ratelimit-limit']).toBe('3');
      expect(ok.headers['x-ratelimit-remaining']).toBe('2');
      await small.api('GET', `/sites/${small.site}/integrations`);
      await small.api('GET', `/sites/${small.site}/integrations`);
      const limited = await small.api('GET', `/sites/${small.site}/integrations`);
      expectError(limited, 429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.headers['x-ratelimit-remaining']).toBe('0');
      expect(Number(limited.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
      // The drill control stays reachable while the API is throttled.
      expect((await small.api('GET', '/__sandbox/scenarios')).status).toBe(200);
    } finally {
      await small.stop();
    }
  });
});

describe('history backfill', () => {
  test('historyEvents fills the logs at start, backdated and outside the health window', async () => {
    const hb = await startHarness({ historyEvents: 2000, eventsPerSecond: 100 });
    try {
      const page = LogsPage.parse(
        (await hb.api('GET', `/sites/${hb.site}/integrations/ga4/logs?limit=500&offset=1500`)).body,
      );
      expect(page.total).toBeGreaterThanOrEqual(2000);
      expect(page.entries).toHaveLength(500);
      const oldest = page.entries.at(-1)!;
      expect(Date.parse(oldest.timestamp)).toBeLessThan(Date.now() - 10_000);
      const hl = SiteHealth.parse(
        (await hb.api('GET', `/sites/${hb.site}/integrations/health`)).body,
      );
      expect(hl.integrations.find((i) => i.provider === 'ga4')!.window.sent).toBeLessThan(500);
    } finally {
      await hb.stop();
    }
  });
});
