import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/core/app-core';
import { MemorySecretStore } from '../../../main/core/secrets/memory-store';
import { createConfBackend } from '../../../main/core/settings/conf-backend';
import { SettingsStore } from '../../../main/core/settings/settings-store';
import { EventHub } from '../../../main/host/event-hub';
import { startSandbox } from '../../../main/sandbox';
import { calls, type CallInput, type CallName, type CallOutput } from '../../../shared/bridge';
import { foldChange } from '../../../shared/domain/workflow';
import { outsideWrite } from '../../fakes/outside-edit';
import { tempDir } from './helpers';

let t: ReturnType<typeof tempDir>;
let core: Core;
let siteId: string;
let sandboxToken = '';
const connectionId = 'sandbox';

/** Call a handler the way the bridge does: input parsed (defaults applied), output checked. */
async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const run = core.handlers[name] as (i: unknown, ctx: unknown) => Promise<unknown>;
  return calls[name].output.parse(
    await run(calls[name].input.parse(input), { client: 'test' }),
  ) as CallOutput<K>;
}

beforeAll(async () => {
  t = tempDir('snap-drift-');
  const settings = await SettingsStore.open(t.dir, createConfBackend);
  core = await createCore({
    identity: { version: 'test', mode: 'browser', dataDir: t.dir },
    settings,
    secrets: new MemorySecretStore(),
    emit: new EventHub().emit,
    startSandbox: (o) => {
      sandboxToken = o.token;
      return startSandbox({ ...o, eventsPerSecond: 40 });
    },
  });
  siteId = core.sandbox!.siteIds[0]!;
});
afterAll(async () => {
  await core.close();
  t.cleanup();
});

describe('drift and restore against the sandbox', () => {
  it(
    'shows drift after mapping_overwrite, restores the known-good version, clears the drift',
    { timeout: 60_000 },
    async () => {
      const key = { connectionId, siteId, target: 'meta' as const };
      const base = await call('snapshots.take', { ...key, source: 'baseline', label: 'launch' });
      expect(base.created).toBe(true);
      expect(JSON.stringify(await call('snapshots.get', { ...key, version: 1 }))).not.toMatch(
        /EAAB[0-9a-f]{8}/,
      ); // secret masked
      await call('snapshots.markKnownGood', {
        ...key,
        version: 1,
        knownGood: true,
        note: 'verified',
      });
      expect((await call('snapshots.drift', key)).drifted).toBe(false);

      await call('drills.start', { connectionId, siteId, scenario: 'mapping_overwrite' });
      // Poll until unmapped purchases have arrived and the drift names the removed mapping with traffic.
      const deadline = Date.now() + 20_000;
      let drift = await call('snapshots.drift', key);
      while (
        !drift.diff?.critical.some(
          (c) => c.code === 'mapping_removed_with_traffic' && c.event === 'purchase',
        ) &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 100));
        drift = await call('snapshots.drift', key);
      }
      expect(drift).toMatchObject({ drifted: true, knownGood: { version: 1 } });
      if (drift.diff?.kind !== 'integration') throw new Error('expected an integration diff');
      expect(drift.diff.mappings.map((m) => `${m.event}:${m.change}`).sort()).toEqual([
        'add_to_cart:removed',
        'purchase:removed',
      ]);
      expect(
        drift.diff.critical.some(
          (c) => c.code === 'mapping_removed_with_traffic' && c.event === 'purchase',
        ),
      ).toBe(true);

      // Restore goes through the runbook: a rollback ("Restore snapshot"), recorded in the journal.
      const rolled = foldChange(
        (await call('changes.rollback', { ...key, action: 'restore', version: 1 })).entries,
      );
      expect(rolled.rollbacks).toMatchObject([{ action: 'restore', ok: true }]);
      expect(rolled.rollbacks[0]!.test?.ok).toBe(true);
      const versions = (await call('snapshots.list', key)).versions;
      expect(versions.find((v) => v.version === 2)).toMatchObject({ source: 'baseline' });
      expect(versions.find((v) => v.version === 3)).toMatchObject({
        source: 'rollback',
        sha256: base.snapshot.sha256,
      });
      expect((await call('snapshots.drift', key)).drifted).toBe(false);

      // The secret survived the round trip (sent back masked, kept by the server): same mask as before.
      const live = await call('integrations.get', { connectionId, siteId, provider: 'meta' });
      const kept = (await call('snapshots.get', { ...key, version: 1 })).body.config as Record<
        string,
        unknown
      >;
      expect(live.data.config.accessToken).toBe(kept.accessToken);
      expect(String(live.data.config.accessToken)).toMatch(/^••••.{4}$/);
    },
  );

  it('a live body that differs from known-good in form only (an empty condition list written out) is not drift', async () => {
    const key = { connectionId, siteId, target: 'meta' as const };
    const live = await call('integrations.get', { connectionId, siteId, provider: 'meta' });
    const filters = { ...live.data.eventFilters, purchase: { enabled: true, conditions: [] } };
    // Written by another tool, outside the app.
    await outsideWrite({
      baseUrl: core.sandbox!.url,
      token: sandboxToken,
      method: 'PUT',
      path: `/sites/${siteId}/integrations/meta`,
      body: { ...live.data, eventFilters: filters },
      ifMatch: live.etag,
    });
    const drift = await call('snapshots.drift', key);
    expect(drift.liveSha256).not.toBe(drift.knownGood?.sha256);
    expect(drift).toMatchObject({ drifted: false, knownGood: { version: 1 } });
  });

  it('compares a version with live and refuses to restore what is already live', async () => {
    const key = { connectionId, siteId, target: 'ga4' as const };
    await call('snapshots.take', { ...key, source: 'manual' });
    const cmp = await call('snapshots.compare', {
      a: { ...key, version: 1 },
      b: { ...key, version: 'live' },
    });
    expect(cmp.diff.identical).toBe(true);
    await expect(
      call('changes.rollback', { ...key, action: 'restore', version: 1 }),
    ).rejects.toThrow(/already matches/);
    const targets = await call('snapshots.targets', { connectionId, siteId });
    expect(targets.map((x) => x.target)).toEqual(['ga4', 'meta']);
  });
});
