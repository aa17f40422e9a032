import { afterEach, describe, expect, it } from 'vitest';
import { foldChange } from '../../../shared/domain/workflow';
import { Harness, until } from './harness';

let h: Harness;
afterEach(() => h.dispose());

const meta = () => ({ ...h.site, target: 'meta' as const });

/** meta v1 taken and marked known-good, then the mapping_overwrite drill drops purchase and add_to_cart. */
async function knownGoodThenOverwrite() {
  const v1 = await h.call('snapshots.take', { ...meta(), source: 'manual', label: 'launch' });
  await h.call('snapshots.markKnownGood', { ...meta(), version: 1, knownGood: true });
  await h.call('drills.start', { ...h.site, scenario: 'mapping_overwrite' });
  return v1.snapshot;
}

describe('Restore snapshot through the change workflow', () => {
  it(
    'opens a change with the snapshot as its draft, applies it with a passing test, and records the source',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const v1 = await knownGoodThenOverwrite();
      const putsBefore = await h.puts();

      const view = await h.call('changes.startRestore', { ...meta(), version: 1 });
      const s = foldChange(view.entries);
      expect(s).toMatchObject({
        step: 'config',
        title: 'Restore of Meta v1 (known-good)',
        restoreOf: { version: 1, sha256: v1.sha256, knownGood: true, label: 'launch' },
      });
      expect(s.baseline?.snapshotVersion).toBe(2); // the overwritten state, kept as the change's baseline
      // The draft is the stored body, secrets still masked, and valid as it is.
      const snap = await h.call('snapshots.get', { ...meta(), version: 1 });
      expect(view.draft?.body).toEqual(snap.body);
      expect(String((view.draft?.body.config as Record<string, unknown>).accessToken)).toMatch(
        /^••••/,
      );
      expect(view.draft?.issues).toEqual([]);
      expect(await h.puts()).toBe(putsBefore); // opening a restore writes nothing to the API

      const preview = await h.call('changes.preview', { changeId: s.id });
      if (preview.diff.kind !== 'integration') throw new Error('expected an integration diff');
      expect(preview.diff.mappings.map((m) => `${m.event}:${m.change}`).sort()).toEqual([
        'add_to_cart:added',
        'purchase:added',
      ]);

      await h.call('changes.apply', { changeId: s.id });
      await until(async () => (await h.state(s.id)).step === 'health');
      expect((await h.state(s.id)).lastTest?.ok).toBe(true); // the stored token was kept behind its mask
      const live = await h.call('integrations.get', { ...h.site, provider: 'meta' });
      expect(live.data.eventMapping.purchase).toBeDefined();
      expect((await h.call('snapshots.drift', meta())).drifted).toBe(false);
      const md = await h.call('changes.export', { format: 'markdown', changeId: s.id });
      expect(md.text).toContain('Restore of Meta v1 (known-good)');
      expect(md.text).toContain('restore of snapshot v1 (known-good)');
    },
  );

  it(
    'keeps the one-change-per-site lock, naming the open change',
    { timeout: 30_000 },
    async () => {
      h = await new Harness().open();
      await knownGoodThenOverwrite();
      const other = foldChange(
        (await h.call('changes.start', { ...h.site, target: 'ga4' })).entries,
      );
      const refused = h.call('changes.startRestore', { ...meta(), version: 1 });
      await expect(refused).rejects.toMatchObject({
        error: { kind: 'conflict', current: { changeId: other.id } },
      });
      expect((await h.call('changes.list', h.site)).length).toBe(1);
    },
  );

  it(
    'a retry resumes its own change and keeps an edited draft; unknown or already-live versions open nothing',
    { timeout: 30_000 },
    async () => {
      h = await new Harness().open();
      await knownGoodThenOverwrite();
      const first = foldChange(
        (await h.call('changes.startRestore', { ...meta(), version: 1 })).entries,
      );
      const edited = {
        ...(await h.call('changes.get', { changeId: first.id })).draft!.body,
        testMode: true,
      };
      await h.call('changes.saveDraft', { changeId: first.id, body: edited });
      const again = await h.call('changes.startRestore', { ...meta(), version: 1 });
      expect(foldChange(again.entries).id).toBe(first.id);
      expect(again.draft?.body).toEqual(edited);
      await h.call('changes.close', {
        changeId: first.id,
        outcome: 'abandoned',
        note: 'superseded by another change',
      });

      await expect(
        h.call('changes.startRestore', { ...meta(), version: 99 }),
      ).rejects.toMatchObject({ error: { kind: 'not_found' } });
      await h.call('snapshots.take', { ...meta(), source: 'manual' }); // v2 = what is live now
      await expect(h.call('changes.startRestore', { ...meta(), version: 2 })).rejects.toThrow(
        /already matches v2/,
      );
      expect((await h.call('changes.list', h.site)).length).toBe(1);
    },
  );
});
