import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { faults, startFaultServer, type FaultServer } from '../../fakes/fault-proxy';
import { failure, GA4, harness, target, type Harness } from './harness';

let server: FaultServer;
let h: Harness;
beforeEach(async () => {
  server = await startFaultServer();
  h = harness({ baseUrl: server.url, limits: { maxAttempts: 1 } });
});
afterEach(async () => {
  await h.dispose();
  await server.close();
});

async function goOffline(): Promise<void> {
  await server.close();
}
describe('offline cache behind the bridge reads', () => {
  it('serves the last good value as stale when the API is gone, and flips connectivity', async () => {
    server.fault = faults.json(200, { integrations: [GA4] }, { etag: '"v1"' });
    const fresh = await h.handlers['integrations.list'](target, h.ctx);
    expect(fresh).toMatchObject({ stale: false, etag: '"v1"' });

    await goOffline();
    const stale = await h.handlers['integrations.list'](target, h.ctx);
    expect(stale).toMatchObject({ stale: true, etag: '"v1"', fetchedAt: fresh.fetchedAt });
    expect(stale.staleReason).toMatch(/Cannot reach|was cut/);
    expect(stale.data).toEqual(fresh.data);
    expect(h.events).toEqual([
      {
        name: 'connectivity.changed',
        payload: expect.objectContaining({ connectionId: 'c1', online: false }),
      },
    ]);

    // A second offline read does not re-emit.
    await h.handlers['integrations.list'](target, h.ctx);
    expect(h.events).toHaveLength(1);
  });

  it('a live read never falls back to the cache: the offline copy is there, the call still fails', async () => {
    server.fault = faults.json(200, { integrations: [GA4] }, { etag: '"v1"' });
    await h.handlers['integrations.list'](target, h.ctx);
    await goOffline();
    const e = await failure(
      h.handlers['integrations.list']({ ...target, freshness: 'live' }, h.ctx),
    );
    expect(e.kind).toBe('network');
    expect(e.message).not.toMatch(/offline copy/);
    const live = await failure(h.service.reads.integrations(target, 'live'));
    expect(live.kind).toBe('network');
    // The same read for display still shows the copy, marked stale.
    expect((await h.service.reads.integrations(target, 'display')).stale).toBe(true);
    expect(h.events.filter((ev) => ev.name === 'connectivity.changed')).toHaveLength(1);
  });

  it('emits online again as soon as a call succeeds (the banner clears without a reload)', async () => {
    server.fault = faults.sequence(faults.json(200, [GA4]), faults.hang(), faults.json(200, [GA4]));
    await h.handlers['integrations.list'](target, h.ctx);
    const stale = await h.handlers['integrations.list'](target, h.ctx);
    expect(stale.stale).toBe(true);
    const back = await h.handlers['integrations.list'](target, h.ctx);
    expect(back.stale).toBe(false);
    expect(h.events.map((e) => (e.payload as { online: boolean }).online)).toEqual([false, true]);
  });

  it('4xx answers are never hidden behind the cache', async () => {
    server.fault = faults.sequence(faults.json(200, [GA4]), faults.status(403, 'no access'));
    await h.handlers['integrations.list'](target, h.ctx);
    expect((await failure(h.handlers['integrations.list'](target, h.ctx))).kind).toBe('auth');
    expect(h.events).toHaveLength(0);
  });

  it('with no cached copy the error says so', async () => {
    await goOffline();
    const e = await failure(h.handlers['health.get'](target, h.ctx));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/No offline copy/);
  });

  it('a corrupt cache file is moved aside (never silently reset) and the operator is told', async () => {
    server.fault = faults.json(200, [GA4]);
    await h.handlers['integrations.list'](target, h.ctx);
    const dir = join(h.cacheDir, 'c1', target.siteId);
    writeFileSync(join(dir, 'integrations.json'), '{"version":1,"fetchedAt":');
    await goOffline();
    const e = await failure(h.handlers['integrations.list'](target, h.ctx));
    expect(e.message).toMatch(/moved aside as integrations\.json\.corrupt-/);
    expect(readdirSync(dir).some((f) => f.startsWith('integrations.json.corrupt-'))).toBe(true);
    expect(h.damage).toEqual([
      expect.objectContaining({
        store: 'cache',
        file: join(dir, 'integrations.json'),
        movedTo: expect.stringMatching(/integrations\.json\.corrupt-/),
        lost: expect.stringMatching(/offline copy of integrations/),
      }),
    ]);
  });

  it('writes while offline are refused with `offline`, never queued', async () => {
    await goOffline();
    const e = await failure(h.service.writes.deleteWebhook(target, 'wh_1', undefined));
    expect(e.kind).toBe('offline');
    expect(e.message).toMatch(/NOT sent/);
  });
});

describe('ETag and If-Match', () => {
  it('a PUT carries the ETag of the last read; 412 becomes conflict with the current object', async () => {
    const current = { ...GA4, enabled: false, updatedAt: '2026-01-01T00:00:00Z' };
    server.fault = faults.sequence(
      faults.json(200, GA4, { etag: '"e1"' }),
      faults.status(412, 'precondition failed'),
      faults.json(200, current, { etag: '"e2"' }),
    );
    await h.handlers['integrations.get']({ ...target, provider: 'ga4' }, h.ctx);
    const e = await failure(h.service.writes.putIntegration(target, 'ga4', GA4, undefined));
    expect(e).toMatchObject({ kind: 'conflict', status: 412, current: { enabled: false } });
    expect(server.requests[1]).toMatchObject({ method: 'PUT' });
    expect(server.requests[1]!.headers['if-match']).toBe('"e1"');
    expect(server.requests).toHaveLength(3);
  });

  it('an explicit ifMatch wins; the returned etag comes back with the write', async () => {
    server.fault = faults.json(200, GA4, { etag: '"e9"' });
    const r = await h.service.writes.putIntegration(target, 'ga4', GA4, '"mine"');
    expect(r.etag).toBe('"e9"');
    expect(server.requests[0]!.headers['if-match']).toBe('"mine"');
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({
      config: { measurementId: 'G-ABCDEF1234' },
    });
  });

  it('422 details become issues', async () => {
    server.fault = faults.json(422, {
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'invalid',
      details: [{ path: 'config.measurementId', message: 'required' }],
    });
    const e = await failure(h.service.writes.putIntegration(target, 'ga4', GA4, undefined));
    expect(e).toMatchObject({
      kind: 'validation',
      status: 422,
      issues: [{ path: 'config.measurementId', message: 'required' }],
    });
  });
});
