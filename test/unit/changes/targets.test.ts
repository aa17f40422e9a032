import { afterEach, describe, expect, it } from 'vitest';
import { foldChange } from '../../../shared/domain/workflow';
import { Harness, until } from './harness';

let h: Harness;
afterEach(async () => {
  await h.close().catch(() => undefined);
  h.cleanup();
});

const stateOf = async (changeId: string) =>
  foldChange((await h.call('changes.get', { changeId })).entries);

describe('rollback from a provider page and non-provider targets', () => {
  it(
    'a rollback with no open change is recorded in its own closed record and holds no lock',
    { timeout: 30_000 },
    async () => {
      h = await new Harness().open();
      const v = await h.call('changes.rollback', {
        ...h.site,
        target: 'gads',
        action: 'test_mode',
      });
      const s = foldChange(v.entries);
      expect(s).toMatchObject({
        kind: 'rollback_only',
        open: false,
        outcome: 'rolled_back',
        rolledBack: true,
      });
      expect(
        (await h.call('integrations.get', { ...h.site, provider: 'gads' })).data.testMode,
      ).toBe(true);
      expect(await h.call('changes.openFor', h.site)).toBeNull();
      expect(
        foldChange((await h.call('changes.start', { ...h.site, target: 'gads' })).entries).step,
      ).toBe('config');
    },
  );

  it(
    'a rollback from the provider page lands in the open change of that target',
    { timeout: 30_000 },
    async () => {
      h = await new Harness().open();
      const v = await h.call('changes.start', { ...h.site, target: 'ga4' });
      const s = foldChange(v.entries);
      await h.call('changes.saveDraft', {
        changeId: s.id,
        body: { ...s.baseline!.body, testMode: true },
      });
      await h.call('changes.apply', { changeId: s.id });
      const r = foldChange(
        (await h.call('changes.rollback', { ...h.site, target: 'ga4', action: 'disable' })).entries,
      );
      expect(r.id).toBe(s.id);
      expect(r.rollbacks).toHaveLength(1);
    },
  );

  it(
    'runs a data-layer change (tested through every enabled provider) and a webhook change to known-good',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      for (const [target, edit] of [
        ['data-layer', (b: Record<string, unknown>) => ({ ...b, bufferSize: 25 })],
        [
          `webhook:${(await h.call('webhooks.list', h.site)).data[0]!.id}`,
          (b: Record<string, unknown>) => ({ ...b, name: 'Orders to ERP (v2)' }),
        ],
      ] as const) {
        await h.call('runbooks.save', {
          ...h.site,
          target,
          runbook: { businessCycleMinutes: 0.05 },
        });
        const s = foldChange((await h.call('changes.start', { ...h.site, target })).entries);
        expect(s.step).toBe('config');
        const d = await h.call('changes.saveDraft', {
          changeId: s.id,
          body: edit(s.baseline!.body),
        });
        expect(d.issues).toEqual([]);
        await h.call('changes.apply', { changeId: s.id });
        await until(async () => (await stateOf(s.id)).step === 'health');
        await h.call('changes.health', { changeId: s.id });
        await h.call('changes.startMonitoring', { changeId: s.id });
        await until(async () => (await stateOf(s.id)).step === 'close');
        const closed = foldChange(
          (await h.call('changes.close', { changeId: s.id, outcome: 'known_good' })).entries,
        );
        expect(closed).toMatchObject({ outcome: 'known_good', open: false });
        expect(closed.afterSnapshotVersion).toBeDefined();
      }
    },
  );
});
