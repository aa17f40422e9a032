import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  deadPort,
  faults,
  selfSignedCert,
  startFaultServer,
  startForwardProxy,
  type FaultServer,
} from '../../fakes/fault-proxy';
import { failure, GA4, harness, target, TOKEN, type Harness } from './harness';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
async function server(opts?: Parameters<typeof startFaultServer>[0]): Promise<FaultServer> {
  const s = await startFaultServer(opts);
  cleanup.push(() => s.close());
  return s;
}
function use(h: Harness): Harness {
  cleanup.push(() => h.dispose());
  return h;
}

describe('fault case 9: cross-origin redirect', () => {
  it('reaches the second server without the Authorization header', async () => {
    const a = await server();
    const b = await server();
    a.fault = faults.redirect(`${b.url}/sites/${target.siteId}/integrations`);
    b.fault = faults.json(200, { integrations: [GA4] });
    const h = use(harness({ baseUrl: a.url }));
    const r = await h.handlers['integrations.list'](target, h.ctx);
    expect(r.data).toHaveLength(1);
    expect(a.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(b.requests).toHaveLength(1);
    expect(b.requests[0]!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(b.requests[0]!.headers)).not.toContain(TOKEN);
  });

  it('a custom auth header (x-api-key) is dropped too; a same-origin redirect keeps it', async () => {
    const a = await server();
    const b = await server();
    a.fault = faults.sequence(
      faults.redirect('/api/v1/moved'),
      faults.redirect(`${b.origin}/elsewhere`),
    );
    b.fault = faults.json(200, []);
    const h = use(
      harness({ baseUrl: a.url, profile: { authScheme: 'header', authHeader: 'x-api-key' } }),
    );
    await h.handlers['webhooks.list'](target, h.ctx);
    expect(a.requests.map((r) => r.headers['x-api-key'])).toEqual([TOKEN, TOKEN]);
    expect(b.requests[0]!.headers['x-api-key']).toBeUndefined();
  });

  it('a write redirected with 302 is not replayed elsewhere', async () => {
    const a = await server();
    const b = await server();
    a.fault = faults.redirect(`${b.url}/x`);
    const h = use(harness({ baseUrl: a.url }));
    const e = await failure(h.service.writes.putIntegration(target, 'ga4', GA4, undefined));
    expect(e.kind).toBe('http');
    expect(b.requests).toHaveLength(0);
  });

  it('a write redirected with 307/308 to another origin is refused: its body (new secrets) never leaves', async () => {
    for (const status of [307, 308]) {
      const a = await server();
      const b = await server();
      a.fault = faults.redirect(`${b.url}/sites/${target.siteId}/integrations/ga4`, status);
      const h = use(harness({ baseUrl: a.url }));
      const e = await failure(h.service.writes.putIntegration(target, 'ga4', GA4, undefined));
      expect(e.kind).toBe('http');
      expect(e.message).toMatch(/another server/);
      expect(b.requests).toHaveLength(0);
    }
  });
});

describe('fault case 10: TLS with an unknown CA', () => {
  const cert = selfSignedCert();
  afterAll(() => cert.cleanup());

  it('is refused with a TLS message (verification stays on), and not retried', async () => {
    const s = await server({ tls: cert });
    s.fault = faults.json(200, []);
    const h = use(harness({ baseUrl: s.url }));
    const e = await failure(h.handlers['integrations.list'](target, h.ctx));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/TLS failure.*CA/);
    expect(s.requests).toHaveLength(0);
  });

  it('works once the connection names the CA file (added to the default roots)', async () => {
    const s = await server({ tls: cert });
    s.fault = faults.json(200, [GA4]);
    const h = use(harness({ baseUrl: s.url, profile: { caFile: cert.certFile } }));
    expect((await h.handlers['integrations.list'](target, h.ctx)).data).toHaveLength(1);
  });

  it('an unreadable CA file is a clear validation error', async () => {
    const h = use(
      harness({
        baseUrl: 'https://127.0.0.1:1/api/v1',
        profile: { caFile: '/nonexistent/ca.pem' },
      }),
    );
    const e = await failure(h.handlers['integrations.list'](target, h.ctx));
    expect(e.kind).toBe('validation');
    expect(e.message).toMatch(/CA certificate file/);
  });
});

describe('fault case 11: proxy down / 407 / offline', () => {
  let api: FaultServer;
  beforeAll(async () => {
    api = await startFaultServer();
    api.fault = faults.json(200, { integrations: [GA4] });
  });
  afterAll(() => api.close());

  it('the profile proxy is used (CONNECT tunnel) and the API answers through it', async () => {
    const proxy = await startForwardProxy('ok');
    cleanup.push(() => proxy.close());
    const h = use(harness({ baseUrl: api.url, profile: { proxyUrl: proxy.url } }));
    expect((await h.handlers['integrations.list'](target, h.ctx)).data).toHaveLength(1);
    expect(proxy.seen.join(' ')).toContain(String(api.port));
  });

  it('HTTPS_PROXY/HTTP_PROXY from the environment apply, NO_PROXY bypasses', async () => {
    const proxy = await startForwardProxy('ok');
    cleanup.push(() => proxy.close());
    const via = use(
      harness({ baseUrl: api.url, proxyEnv: { httpProxy: proxy.url, httpsProxy: proxy.url } }),
    );
    await via.handlers['integrations.list'](target, via.ctx);
    expect(proxy.seen).toHaveLength(1);
    const bypass = use(
      harness({ baseUrl: api.url, proxyEnv: { httpProxy: proxy.url, noProxy: '127.0.0.1' } }),
    );
    await bypass.handlers['integrations.list'](target, bypass.ctx);
    expect(proxy.seen).toHaveLength(1);
  });

  it('a proxy answering 407 gives a network error naming proxy authentication, no retry loop', async () => {
    const proxy = await startForwardProxy('407');
    cleanup.push(() => proxy.close());
    const h = use(harness({ baseUrl: api.url, profile: { proxyUrl: proxy.url } }));
    const e = await failure(h.handlers['integrations.list'](target, h.ctx));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/407/);
    expect(proxy.seen.length).toBeLessThanOrEqual(1);
  });

  it('a proxy that is down: reads fail as network, writes are refused as offline (not sent, not queued)', async () => {
    const port = await deadPort();
    const h = use(harness({ baseUrl: api.url, profile: { proxyUrl: `http://127.0.0.1:${port}` } }));
    const e = await failure(h.handlers['integrations.list'](target, h.ctx));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/ECONNREFUSED/);
    const w = await failure(h.service.writes.putIntegration(target, 'ga4', GA4, undefined));
    expect(w.kind).toBe('offline');
    expect(w.message).toMatch(/NOT sent and nothing was queued/);
    expect(api.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });
});

describe('fault case 11 over TLS: the CONNECT tunnel', () => {
  const cert = selfSignedCert();
  afterAll(() => cert.cleanup());

  it('an https API through the proxy, trusting the connection CA inside the tunnel', async () => {
    const s = await server({ tls: cert });
    s.fault = faults.json(200, [GA4]);
    const proxy = await startForwardProxy('ok');
    cleanup.push(() => proxy.close());
    const h = use(
      harness({ baseUrl: s.url, profile: { proxyUrl: proxy.url, caFile: cert.certFile } }),
    );
    expect((await h.handlers['integrations.list'](target, h.ctx)).data).toHaveLength(1);
    expect(proxy.seen).toEqual([`127.0.0.1:${s.port}`]);
    expect(s.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('a 407 on CONNECT is reported as proxy authentication, tried once', async () => {
    const s = await server({ tls: cert });
    const proxy = await startForwardProxy('407');
    cleanup.push(() => proxy.close());
    const h = use(
      harness({ baseUrl: s.url, profile: { proxyUrl: proxy.url, caFile: cert.certFile } }),
    );
    const e = await failure(h.handlers['integrations.list'](target, h.ctx));
    expect(e).toMatchObject({ kind: 'network', status: 407 });
    expect(e.message).toMatch(/requires authentication/);
    expect(proxy.seen).toHaveLength(1);
  });
});
