import { readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../main/sandbox';
import { DataLayerConfig, IntegrationBody, WebhookBody } from '../../../shared/contract';
import { failure, harness, TOKEN, type Harness } from './harness';

/** The real sandbox over real HTTP: every endpoint once, then the API going away mid-session. */
let sandbox: RunningSandbox;
let h: Harness;
let dataDir: string;
let t: { connectionId: string; siteId: string };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sandbox-'));
  sandbox = await startSandbox({
    token: TOKEN,
    dataDir,
    port: 0,
    eventsPerSecond: 0,
    rateLimitPerMinute: 100_000,
  });
  h = harness({
    baseUrl: sandbox.url,
    profile: { kind: 'sandbox' },
    limits: { deadlineMs: 5000, headersTimeoutMs: 4000, maxAttempts: 2 },
  });
  t = { connectionId: 'c1', siteId: sandbox.siteIds[0]! };
});
afterAll(async () => {
  await h.dispose();
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('against the sandbox', () => {
  it('lists, reads and replaces an integration with If-Match; a stale ETag is a conflict with the current object', async () => {
    const list = await h.handlers['integrations.list'](t, h.ctx);
    expect(list.stale).toBe(false);
    expect(list.data.length).toBeGreaterThan(0);
    const provider = list.data[0]!.provider;
    const one = await h.handlers['integrations.get']({ ...t, provider }, h.ctx);
    expect(one.etag).toBeTruthy();
    // Handlers receive parsed input (the dispatcher parses); the test does the same.
    const body = IntegrationBody.parse({ ...one.data, testMode: !one.data.testMode });
    const put = await h.service.writes.putIntegration(t, provider, body, one.etag);
    expect(put.data.testMode).toBe(body.testMode);
    expect(put.etag).not.toBe(one.etag);
    const e = await failure(h.service.writes.putIntegration(t, provider, body, one.etag));
    expect(e).toMatchObject({ kind: 'conflict', status: 412 });
    expect(e.current).toMatchObject({ provider, testMode: body.testMode });
  });

  it('health, logs, mappings, test and the data layer', async () => {
    const health = await h.handlers['health.get'](t, h.ctx);
    expect(health.data.integrations.length).toBeGreaterThan(0);
    const provider = health.data.integrations[0]!.provider;
    const logs = await h.handlers['integrations.logs'](
      { ...t, provider, limit: 10, offset: 0, offlineCopy: true },
      h.ctx,
    );
    expect(logs.data.limit).toBe(10);
    const mappings = await h.handlers['integrations.mappings']({ ...t, provider }, h.ctx);
    expect(mappings.data.provider).toBe(provider);
    const test = await h.handlers['integrations.test']({ ...t, provider }, h.ctx);
    expect(Array.isArray(test.steps)).toBe(true);
    const dl = await h.handlers['dataLayer.get'](t, h.ctx);
    const saved = await h.service.writes.putDataLayer(
      t,
      DataLayerConfig.parse({ ...dl.data, bufferSize: 20 }),
      dl.etag,
    );
    expect(saved.data.bufferSize).toBe(20);
  });

  it('webhooks: create, read, update, test, logs, delete', async () => {
    const created = await h.service.writes.createWebhook(t, {
      name: 'ops test',
      url: `${sandbox.origin}/__receiver/ops`,
      events: [],
      authType: 'none',
      authConfig: {},
      retryPolicy: { maxAttempts: 1, backoff: 'fixed', initialDelayMs: 0 },
      active: true,
    });
    const id = created.data.id;
    const got = await h.handlers['webhooks.get']({ ...t, webhookId: id }, h.ctx);
    const updated = await h.service.writes.updateWebhook(
      t,
      id,
      WebhookBody.parse({ ...got.data, name: 'renamed' }),
      got.etag,
    );
    expect(updated.data.name).toBe('renamed');
    expect((await h.handlers['webhooks.list'](t, h.ctx)).data.some((w) => w.id === id)).toBe(true);
    await h.handlers['webhooks.test']({ ...t, webhookId: id }, h.ctx);
    await h.handlers['webhooks.logs'](
      { ...t, webhookId: id, limit: 5, offset: 0, offlineCopy: false },
      h.ctx,
    );
    // A live tail's polls (offlineCopy: false) leave no file behind; screen reads keep one.
    const cached = readdirSync(h.cacheDir, { recursive: true }).map(String).join('\n');
    expect(cached).toMatch(/logs\.(ga4|meta|gads)\.10\.0/);
    expect(cached).not.toContain('webhook-logs');
    await h.service.writes.deleteWebhook(t, id, undefined);
    expect((await failure(h.handlers['webhooks.get']({ ...t, webhookId: id }, h.ctx))).kind).toBe(
      'not_found',
    );
  });

  it('drills at the origin root: list, start, clear', async () => {
    const list = await h.handlers['drills.list'](t, h.ctx);
    expect(list.scenarios.length).toBeGreaterThan(0);
    const started = await h.handlers['drills.start']({ ...t, scenario: 'api_flaky' }, h.ctx);
    expect(started.scenarios.find((s) => s.name === 'api_flaky')?.active).toBe(true);
    const cleared = await h.handlers['drills.clear'](t, h.ctx);
    expect(cleared.scenarios.every((s) => !s.active)).toBe(true);
  });

  it('the sandbox stops mid-session: cached data comes back stale; when it returns, online again', async () => {
    const fresh = await h.handlers['health.get'](t, h.ctx);
    const port = sandbox.port;
    await sandbox.close();
    const stale = await h.handlers['health.get'](t, h.ctx);
    expect(stale).toMatchObject({ stale: true, fetchedAt: fresh.fetchedAt });
    const w = await failure(h.service.writes.putDataLayer(t, DataLayerConfig.parse({}), undefined));
    expect(['offline', 'network']).toContain(w.kind);
    sandbox = await startSandbox({
      token: TOKEN,
      dataDir,
      port,
      eventsPerSecond: 0,
      rateLimitPerMinute: 100_000,
    });
    const back = await h.handlers['health.get'](t, h.ctx);
    expect(back.stale).toBe(false);
    const flips = h.events
      .filter((e) => e.name === 'connectivity.changed')
      .map((e) => (e.payload as { online: boolean }).online);
    expect(flips).toEqual([false, true]);
  });

  it('a wrong token is an auth error', async () => {
    const bad = harness({ baseUrl: sandbox.url, token: 'wrong-token-123' });
    try {
      expect((await failure(bad.handlers['integrations.list'](t, bad.ctx))).kind).toBe('auth');
    } finally {
      await bad.dispose();
    }
  });
});
