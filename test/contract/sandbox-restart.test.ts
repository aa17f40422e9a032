import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { IntegrationResource, WebhookList } from '../../shared/contract';
import { startHarness } from './helpers';

test('config, webhooks and data layer survive a restart on the same data folder', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-restart-'));
  try {
    const a = await startHarness({ eventsPerSecond: 20 }, dir);
    const got = await a.api('GET', `/sites/${a.site}/integrations/ga4`);
    const put = await a.api('PUT', `/sites/${a.site}/integrations/ga4`, {
      body: {
        ...got.body,
        testMode: true,
        config: { ...got.body.config, measurementId: 'G-RESTART123' },
      },
    });
    expect(put.status).toBe(200);
    await a.api('PUT', `/sites/${a.site}/integrations/data-layer`, {
      body: { variableName: 'afterRestart' },
    });
    const hook = await a.api('POST', `/sites/${a.site}/integrations/webhooks`, {
      body: { name: 'Persisted', url: 'http://127.0.0.1:9/x' },
    });
    const siteIds = a.sb.siteIds;
    await a.sb.close();

    const b = await startHarness({ eventsPerSecond: 0, seed: 999 }, dir);
    try {
      expect(b.sb.siteIds).toEqual(siteIds);
      const after = await b.api('GET', `/sites/${b.site}/integrations/ga4`);
      const ga4 = IntegrationResource.parse(after.body);
      expect(ga4.config.measurementId).toBe('G-RESTART123');
      expect(ga4.testMode).toBe(true);
      // Same representation, same ETag: a client's If-Match stays valid across a restart.
      expect(after.headers.etag).toBe(put.headers.etag);
      expect(
        (await b.api('GET', `/sites/${b.site}/integrations/data-layer`)).body.variableName,
      ).toBe('afterRestart');
      const hooks = WebhookList.parse(
        (await b.api('GET', `/sites/${b.site}/integrations/webhooks`)).body,
      ).webhooks;
      expect(hooks.map((w) => w.id)).toContain(hook.body.id);
      // Seeded webhooks follow the receiver to the new port.
      expect(hooks.find((w) => w.name === 'Orders to ERP')?.url.startsWith(b.sb.origin)).toBe(true);
      expect((await readdir(join(dir, 'sites'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      await b.sb.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a corrupt site file is quarantined and reported, not silently overwritten', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-corrupt-'));
  try {
    const a = await startHarness({}, dir);
    const site = a.site;
    await a.sb.close();
    await writeFile(join(dir, 'sites', `${site}.json`), '{"schemaVersion":1,"site":{"id":');
    const b = await startHarness({}, dir);
    await b.sb.close();
    const files = await readdir(join(dir, 'sites'));
    expect(files.some((f) => f.startsWith(`${site}.json.corrupt-`))).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
