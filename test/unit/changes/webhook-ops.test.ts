import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OpsFailure } from '../../../shared/bridge/errors';
import { applyKey, foldChange, type ChangeState } from '../../../shared/domain/workflow';
import { outsideWrite } from '../../fakes/outside-edit';
import { startWebhookReceiver } from '../../fakes/webhook-receiver';
import { Harness, until } from './harness';

let h: Harness;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
afterEach(async () => {
  await h.dispose();
  await receiver?.close();
  receiver = undefined;
});

const TOKEN = 'tok_new_webhook_0123456789';
const hookBody = (url: string) => ({
  name: 'Orders to BI',
  url,
  events: [],
  authType: 'bearer' as const,
  authConfig: { token: TOKEN },
  retryPolicy: { maxAttempts: 3, backoff: 'exponential' as const, initialDelayMs: 100 },
  active: true,
});
const stateOf = (view: { entries: never[] } | { entries: unknown[] }) =>
  foldChange(view.entries as never);

/** Test, health, monitor (short cycle) and close known-good: the rest of the runbook. */
async function finish(s: ChangeState): Promise<ChangeState> {
  await until(async () => (await h.state(s.id)).step === 'health');
  await h.call('changes.health', { changeId: s.id });
  await h.call('changes.startMonitoring', { changeId: s.id });
  await until(async () => (await h.state(s.id)).step === 'close', 30_000);
  return stateOf(await h.call('changes.close', { changeId: s.id, outcome: 'known_good' }));
}

describe('webhook create and delete through the runbook', () => {
  it(
    'create (baseline "does not exist", apply creates, its test passes, it delivers), delete (snapshot kept), then re-create from that snapshot',
    { timeout: 120_000 },
    async () => {
      h = await new Harness().open();
      receiver = await startWebhookReceiver();
      // Create.
      const opened = stateOf(
        await h.call('changes.startWebhookCreate', { ...h.site, body: hookBody(receiver.url) }),
      );
      expect(opened).toMatchObject({ operation: 'create', step: 'config', target: 'webhook:new' });
      expect(opened.baseline).toMatchObject({ exists: false, body: {} });
      const applied = stateOf(await h.call('changes.apply', { changeId: opened.id }));
      const hookId = applied.applied!.createdId!;
      expect(applied.target).toBe(`webhook:${hookId}`);
      // The new webhook's runbook (a short business cycle for the test).
      await h.call('runbooks.save', {
        ...h.site,
        target: `webhook:${hookId}`,
        runbook: { owner: 'Ada', businessCycleMinutes: 0.05 },
      });
      const created = await finish(applied);
      expect(created.lastTest?.ok).toBe(true);
      expect(created.outcome).toBe('known_good');
      expect(created.afterSnapshotVersion).toBeDefined();
      // The test and real deliveries reached the receiver with the webhook's own credentials.
      await until(() => receiver!.received.length >= 2);
      expect(receiver.received.every((d) => d.headers.authorization === `Bearer ${TOKEN}`)).toBe(
        true,
      );
      const logs = await h.call('webhooks.logs', { ...h.site, webhookId: hookId, limit: 50 });
      expect(logs.data.entries.some((e) => e.status === 'sent')).toBe(true);

      // Delete: a change whose baseline snapshot is kept.
      const del = stateOf(
        await h.call('changes.start', {
          ...h.site,
          target: `webhook:${hookId}`,
          operation: 'delete',
        }),
      );
      expect(del).toMatchObject({ operation: 'delete', step: 'config' });
      const kept = del.baseline!.snapshotVersion!;
      expect(kept).toBeGreaterThan(0);
      await expect(h.call('changes.saveDraft', { changeId: del.id, body: {} })).rejects.toThrow(
        /no draft/,
      );
      await h.call('changes.apply', { changeId: del.id });
      const deleted = await finish(await h.state(del.id));
      expect(deleted.lastTest?.result?.steps[0]).toMatchObject({
        name: 'verify_deleted',
        ok: true,
      });
      expect(deleted.monitor?.summary?.fullWindow).toBe(true);
      expect(deleted.afterSnapshotVersion).toBeUndefined();
      const after = await h.call('webhooks.list', h.site);
      expect(after.data.map((w) => w.id)).not.toContain(hookId);

      // Restore snapshot re-creates it: a create whose secret must be entered again.
      const restore = stateOf(
        await h.call('changes.startRestore', {
          ...h.site,
          target: `webhook:${hookId}`,
          version: kept,
        }),
      );
      expect(restore).toMatchObject({ operation: 'create', step: 'config' });
      const seeded = (await h.call('changes.get', { changeId: restore.id })).draft!;
      expect(seeded.issues.map((i) => i.path)).toEqual(['authConfig.token']);
      await expect(h.call('changes.apply', { changeId: restore.id })).rejects.toThrow(/not valid/);
      await h.call('changes.saveDraft', {
        changeId: restore.id,
        body: { ...seeded.body, authConfig: { token: TOKEN } },
      });
      const back = stateOf(await h.call('changes.apply', { changeId: restore.id }));
      const again = back.applied!.createdId!;
      expect(again).not.toBe(hookId);
      await until(async () => (await h.state(restore.id)).lastTest !== undefined);
      expect((await h.state(restore.id)).lastTest?.ok).toBe(true);
      const relisted = await h.call('webhooks.get', { ...h.site, webhookId: again });
      expect(relisted.data).toMatchObject({ name: 'Orders to BI', url: receiver.url });
    },
  );

  it(
    'a create interrupted between the POST and its journal line is settled from the server, never sent twice',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      receiver = await startWebhookReceiver();
      const s = stateOf(
        await h.call('changes.startWebhookCreate', { ...h.site, body: hookBody(receiver.url) }),
      );
      const draft = (await h.call('changes.get', { changeId: s.id })).draft!.body;
      // The crash: the intent is journaled, the POST landed, the process died before apply_done.
      appendFileSync(
        join(h.dir, 'changes', `${s.id}.jsonl`),
        JSON.stringify({
          seq: s.entries.length + 1,
          at: new Date().toISOString(),
          type: 'apply_intent',
          key: applyKey(s.id, 1, draft),
          body: { ...draft, authConfig: { token: '••••6789' } },
        }) + '\n',
      );
      const made = await outsideWrite({
        baseUrl: h.core.sandbox!.url,
        token: h.token,
        method: 'POST',
        path: `/sites/${h.siteId}/integrations/webhooks`,
        body: draft,
      });
      await h.close();
      await h.open();
      await until(async () => (await h.state(s.id)).applied !== undefined);
      const settled = await h.state(s.id);
      expect(settled.applied).toMatchObject({
        recovered: true,
        createdId: (made.body as { id: string }).id,
      });
      const hooks = await h.call('webhooks.list', h.site);
      expect(hooks.data.filter((w) => w.name === 'Orders to BI')).toHaveLength(1);
    },
  );

  it('delete and create are refused for providers and the data layer', async () => {
    h = await new Harness().open();
    const e = await h
      .call('changes.start', { ...h.site, target: 'ga4', operation: 'delete' })
      .catch((x: unknown) => x as OpsFailure);
    expect(e).toBeInstanceOf(OpsFailure);
    expect((e as OpsFailure).error.message).toMatch(/Only webhooks/);
    expect(await h.call('changes.openFor', h.site)).toBeNull();
  });
});
