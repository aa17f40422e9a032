import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { faults, startFaultServer, type FaultServer } from '../../fakes/fault-proxy';
import { failure, GA4, harness, target, TOKEN, type Harness } from './harness';

let server: FaultServer;
let h: Harness;
beforeEach(async () => {
  server = await startFaultServer();
  h = harness({ baseUrl: server.url });
});
afterEach(async () => {
  await h.dispose();
  await server.close();
});
const list = () => h.handlers['integrations.list'](target, h.ctx);

describe('fault case 1: 429 with Retry-After', () => {
  it('seconds within the cap: waits, retries once, succeeds', async () => {
    server.fault = faults.sequence(
      faults.retryAfter('1'),
      faults.json(200, { integrations: [GA4] }),
    );
    const t0 = Date.now();
    const r = await list();
    expect(r.data).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it('Retry-After: 120 (over the cap) stops at once with rate_limited + retryAt: no tight loop', async () => {
    server.fault = faults.retryAfter('120');
    const t0 = Date.now();
    const e = await failure(list());
    expect(e.kind).toBe('rate_limited');
    expect(e.status).toBe(429);
    const retryAt = Date.parse(e.retryAt!);
    expect(retryAt - t0).toBeGreaterThan(115_000);
    expect(retryAt - t0).toBeLessThan(125_000);
    expect(server.requests).toHaveLength(1);
    expect(e.message).toMatch(/slow down/);
  });

  it('an HTTP date over the cap gives that date as retryAt; a past date is retried at once', async () => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 300_000);
    server.fault = faults.retryAfter(at.toUTCString());
    const e = await failure(list());
    expect(e.kind).toBe('rate_limited');
    expect(Date.parse(e.retryAt!)).toBe(at.getTime());
    expect(server.requests).toHaveLength(1);
    // The connection now waits until that date for every call (its request scheduler honours
    // the Retry-After), so the past-date case runs on a fresh connection.
    const blocked = await failure(list());
    expect(blocked.kind).toBe('rate_limited');
    expect(Date.parse(blocked.retryAt!)).toBe(at.getTime());
    expect(server.requests).toHaveLength(1);
    await h.dispose();
    h = harness({ baseUrl: server.url });

    server.requests.length = 0;
    server.fault = faults.sequence(
      faults.retryAfter(new Date(Date.now() - 60_000).toUTCString()),
      faults.json(200, [GA4]),
    );
    expect((await list()).data).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('429 on a PUT is not retried', async () => {
    server.fault = faults.retryAfter('1');
    const e = await failure(h.service.writes.putIntegration(target, 'ga4', GA4, undefined));
    expect(e.kind).toBe('rate_limited');
    expect(server.requests).toHaveLength(1);
  });
});

describe('fault case 2: persistent 500/503', () => {
  it('500 is not retried and carries the server message', async () => {
    server.fault = faults.status(500, 'database is down');
    const e = await failure(list());
    expect(e).toMatchObject({ kind: 'http', status: 500 });
    expect(e.message).toContain('database is down');
    expect(server.requests).toHaveLength(1);
  });

  it('503 on a GET is retried maxAttempts times with backoff, then reported', async () => {
    server.fault = faults.status(503, 'maintenance');
    const e = await failure(list());
    expect(e).toMatchObject({ kind: 'http', status: 503 });
    expect(e.message).toMatch(/maintenance.*after 3 attempts/);
    expect(server.requests).toHaveLength(3);
    const diag = await h.handlers['diagnostics.list']({}, h.ctx);
    expect(diag[0]).toMatchObject({ method: 'GET', status: 503, attempts: 3, errorKind: 'http' });
  });

  it('503 on POST/PUT/DELETE is never retried', async () => {
    server.fault = faults.status(503, 'maintenance');
    await failure(h.handlers['integrations.test']({ ...target, provider: 'ga4' }, h.ctx));
    await failure(h.service.writes.putIntegration(target, 'ga4', GA4, undefined));
    await failure(h.service.writes.deleteWebhook(target, 'wh_1', undefined));
    expect(server.requests.map((r) => r.method)).toEqual(['POST', 'PUT', 'DELETE']);
  });
});

describe('fault case 3: a connection that never answers', () => {
  it('gives a timeout (headers timeout), retried a bounded number of times', async () => {
    server.fault = faults.hang();
    const t0 = Date.now();
    const e = await failure(list());
    expect(e.kind).toBe('timeout');
    expect(server.requests).toHaveLength(3);
    // Only guards against waiting forever (3 x 0.5 s headers timeout): the attempt count above is the real check.
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('can be cancelled from the bridge by requestId', async () => {
    server.fault = faults.hang();
    // Timeouts longer than the test, so only the cancel can end the request however slow the machine is.
    await h.dispose();
    h = harness({ baseUrl: server.url, limits: { headersTimeoutMs: 25_000, deadlineMs: 25_000 } });
    const pending = h.handlers['integrations.list']({ ...target, requestId: 'r-1' }, h.ctx);
    // Cancel once the server has the request in hand, instead of after a fixed sleep.
    const deadline = Date.now() + 20_000;
    while (server.requests.length < 1 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(server.requests).toHaveLength(1);
    expect(await h.handlers['api.cancel']({ requestId: 'r-1' }, h.ctx)).toEqual({
      cancelled: true,
    });
    const e = await failure(pending);
    expect(e.kind).toBe('cancelled');
    expect(await h.handlers['api.cancel']({ requestId: 'r-1' }, h.ctx)).toEqual({
      cancelled: false,
    });
  });
});

describe('fault case 4: body trickling at 1 KB/s', () => {
  it('is aborted by the overall deadline although every chunk arrives in time', async () => {
    server.fault = faults.trickle(30);
    const t0 = Date.now();
    const e = await failure(h.handlers['health.get'](target, h.ctx));
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/deadline/);
    // 3 attempts of a 1 s deadline, not 30 s of trickle: each attempt is cut short, so the bound is
    // well under one full 30 s trickle yet far from what a loaded machine needs for 3 x 1 s.
    expect(server.requests).toHaveLength(3);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });
});

describe('fault case 5: connection reset mid-body', () => {
  it('GET: network error after bounded retries', async () => {
    server.fault = faults.resetMidBody();
    const e = await failure(list());
    expect(e.kind).toBe('network');
    expect(server.requests).toHaveLength(3);
  });

  it('PUT: one attempt, and the operator is told the outcome is unknown', async () => {
    server.fault = faults.resetMidBody();
    const e = await failure(h.service.writes.putIntegration(target, 'ga4', GA4, undefined));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/may or may not have been applied/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('fault case 6: 200 with HTML or malformed JSON', () => {
  it('HTML 200 is a contract error naming the content type, not retried', async () => {
    server.fault = faults.html();
    const e = await failure(list());
    expect(e.kind).toBe('contract');
    expect(e.message).toContain('text/html');
    expect(server.requests).toHaveLength(1);
  });

  it('malformed JSON is a contract error', async () => {
    server.fault = faults.malformedJson();
    const e = await failure(list());
    expect(e.kind).toBe('contract');
    expect(e.message).toMatch(/not valid JSON/);
  });
});

describe('fault case 7: wrong shape; 100 MB body', () => {
  it('JSON of the wrong shape is a contract error with the failing path', async () => {
    server.fault = faults.json(200, { integrations: [{ provider: 'myspace', enabled: 'yes' }] });
    const e = await failure(list());
    expect(e.kind).toBe('contract');
    expect(e.issues?.length).toBeGreaterThan(0);
  });

  it('tolerates an envelope or a bare array, and keeps unknown fields', async () => {
    server.fault = faults.json(200, [{ ...GA4, futureField: 42 }]);
    const r = await list();
    expect(r.data[0]).toMatchObject({ provider: 'ga4', futureField: 42 });
  });

  it('folds the google_ads alias into gads and accepts a once-wrapped single resource', async () => {
    server.fault = faults.sequence(
      faults.json(200, {
        integrations: [
          {
            ...GA4,
            provider: 'google_ads',
            config: { conversionId: 'AW-123456', conversionLabel: 'x' },
          },
        ],
      }),
      faults.json(200, { integration: { ...GA4, provider: 'google_ads' } }),
    );
    expect((await list()).data[0]!.provider).toBe('gads');
    expect(
      (await h.handlers['integrations.get']({ ...target, provider: 'gads' }, h.ctx)).data.provider,
    ).toBe('gads');
  });

  it('a streamed 100 MB body is aborted at the size cap, not downloaded', async () => {
    server.fault = faults.huge(100 * 1024 * 1024);
    const e = await failure(h.handlers['health.get'](target, h.ctx));
    expect(e.kind).toBe('contract');
    expect(e.message).toMatch(/larger than the 1 MB limit/);
    expect(server.requests).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.bytesSent).toBeLessThan(20 * 1024 * 1024);
  });

  it('a 100 MB Content-Length is refused before reading', async () => {
    server.fault = faults.huge(100 * 1024 * 1024, true);
    const e = await failure(h.handlers['health.get'](target, h.ctx));
    expect(e.kind).toBe('contract');
    expect(e.message).toMatch(/announces 100 MB/);
  });
});

describe('fault case 8: token revoked (401) mid-session', () => {
  it('gives auth, does not retry, and does not hide it behind cached data', async () => {
    server.fault = faults.sequence(
      faults.json(200, { integrations: [GA4] }),
      faults.status(401, 'token revoked'),
    );
    await list();
    const e = await failure(list());
    expect(e).toMatchObject({ kind: 'auth', status: 401 });
    expect(e.message).toContain('token revoked');
    expect(server.requests).toHaveLength(2);
    await failure(list());
    expect(server.requests).toHaveLength(3);
  });

  it('a server echoing the token in its message never gets it to the bridge', async () => {
    server.fault = faults.status(401, `bad token Bearer ${TOKEN}`);
    const e = await failure(list());
    expect(JSON.stringify(e)).not.toContain(TOKEN);
    expect(e.message).toContain('[redacted]');
    const diag = await h.handlers['diagnostics.list']({}, h.ctx);
    expect(JSON.stringify(diag)).not.toContain(TOKEN);
  });
});
