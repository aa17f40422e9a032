import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserMode } from './browser-process';
import { HostileServer, json, nested } from './hostile-server';

const SITE = '3f1c2a9e-8b7d-4c6e-9f10-1234567890ab';
const BASE = `/api/v1/sites/${SITE}/integrations`;
const GA4 = { provider: 'ga4', enabled: true, testMode: false, config: { measurementId: 'G-1' } };
/** An integration list whose one item carries a field nested `depth` levels below the item. */
const listWith = (depth: number) =>
  `{"siteId":"${SITE}","integrations":[${JSON.stringify(GA4).slice(0, -1)},"deep":${nested(depth)}}]}`;

let app: BrowserMode;
let api: HostileServer;
let elsewhere: HostileServer;
let listDepth = 10_000;

beforeAll(async () => {
  // Another host on plain http (127.0.0.2 is this machine too, but not an address the rule allows).
  elsewhere = await new HostileServer((_req, res) =>
    json(res, 200, JSON.stringify({ ...GA4, siteId: SITE, config: { measurementId: 'G-EVIL' } })),
  ).start('127.0.0.2');
  api = await new HostileServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === BASE) return json(res, 200, listWith(listDepth));
    if (path === `${BASE}/data-layer`) return json(res, 200, nested(10_000));
    if (path === `${BASE}/health`) return json(res, 200, `[${nested(100_000)}]`);
    if (path === `${BASE}/ga4`)
      return void res.writeHead(302, { location: `${elsewhere.url}${BASE}/ga4` }).end();
    if (path === `${BASE}/meta`)
      return void res.writeHead(302, { location: `${api.url}${BASE}/meta-moved` }).end();
    if (path === `${BASE}/meta-moved`)
      return json(res, 200, JSON.stringify({ ...GA4, provider: 'meta', config: { pixelId: '1' } }));
    json(res, 404, '{"statusCode":404,"error":"Not Found","message":"no"}');
  }).start();
  app = await new BrowserMode().start(['--no-sandbox']);
  await app.value('connections.save', {
    id: 'hostile',
    name: 'Hostile',
    baseUrl: `${api.url}/api/v1`,
    authScheme: 'bearer',
    token: 'tok_hostile_0123456789',
  });
}, 90_000);

afterAll(async () => {
  await app?.dispose();
  await api?.close();
  await elsewhere?.close();
});

const target = { connectionId: 'hostile', siteId: SITE };

describe('case 1: an answer nested 10,000 deep', () => {
  it('is refused by the API client as a contract error, and browser mode stays up', async () => {
    for (const call of ['integrations.list', 'dataLayer.get', 'health.get']) {
      const r = await app.call(call, target);
      expect(r, call).toMatchObject({
        ok: false,
        error: { kind: 'contract', message: expect.stringMatching(/nests deeper than 64 levels/) },
      });
    }
    const test = await app.call('connections.test', target);
    expect(test).toMatchObject({ ok: false, error: { kind: 'contract' } });
    expect(app.alive).toBe(true);
    expect(await app.value('app.info', {})).toMatchObject({ mode: 'browser' });
  });

  it('the bound is 64 levels: an answer exactly that deep is shown, one level more is refused', async () => {
    // Root object, list and item are three levels above the item's field.
    listDepth = 61;
    const atBound = await app.call('integrations.list', target);
    expect(atBound).toMatchObject({ ok: true, value: { data: [{ provider: 'ga4' }] } });
    listDepth = 62;
    const over = await app.call('integrations.list', target);
    expect(over).toMatchObject({ ok: false, error: { kind: 'contract' } });
    listDepth = 10_000;
    expect(app.alive).toBe(true);
  });
});

describe('case 9: a redirect must satisfy the base-URL rule', () => {
  it('a GET redirected to plain http on another host is refused, nothing reaches that host or the cache', async () => {
    const r = await app.call('integrations.get', { ...target, provider: 'ga4' });
    expect(r).toMatchObject({
      ok: false,
      error: {
        kind: 'contract',
        message: expect.stringMatching(
          /redirected to http:\/\/127\.0\.0\.2:\d+, which is neither https nor this machine/,
        ),
      },
    });
    expect(elsewhere.requests).toEqual([]);
    expect(app.alive).toBe(true);
  });

  it('a redirect that stays within the rule (same origin) is still followed', async () => {
    const r = await app.call('integrations.get', { ...target, provider: 'meta' });
    expect(r).toMatchObject({ ok: true, value: { data: { provider: 'meta' }, stale: false } });
  });

  it('what a refused redirect led to was never cached: with the API gone there is no copy of it', async () => {
    await api.close();
    const ga4 = await app.call('integrations.get', { ...target, provider: 'ga4' });
    expect(ga4).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/No offline copy/) },
    });
    // The followed one was cached, as any good answer is.
    const meta = await app.call('integrations.get', { ...target, provider: 'meta' });
    expect(meta).toMatchObject({ ok: true, value: { stale: true } });
    expect(elsewhere.requests).toEqual([]);
    expect(app.alive).toBe(true);
  });
});
