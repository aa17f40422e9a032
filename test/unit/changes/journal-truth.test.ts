import { afterEach, describe, expect, it } from 'vitest';
import { wordsFor } from '../../../main/core/changes/export';
import { describeEntry, foldChange, type JournalEntry } from '../../../shared/domain/workflow';
import { Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h.dispose();
});

/** The timeline rows of the Markdown export: `| time | what |`. */
function exportRows(markdown: string): string[] {
  const section = markdown.split('## Timeline')[1]!.split('\n## ')[0]!;
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| Time'))
    .map((l) => l.split(' | ').slice(1).join(' | ').replace(/ \|$/, '').replace(/\\\|/g, '|'));
}

/** Entries whose words hold no time (times are local on screen and UTC in exports). */
const timeless = (e: JournalEntry) => !['monitor_started', 'monitor_gap'].includes(e.type);

describe('the journal tells the truth', () => {
  it(
    'a restore that fails is journaled as failed with its reason, in the list and both exports',
    { timeout: 30_000 },
    async () => {
      h = await new Harness().open();
      // No snapshot of Google Ads exists yet: there is nothing to restore.
      const r = await h
        .call('changes.rollback', { ...h.site, target: 'gads', action: 'restore' })
        .catch((e: unknown) => e);
      expect(String(r)).toMatch(/no baseline or known-good snapshot/);

      const [row] = await h.call('changes.list', h.site);
      expect(row).toMatchObject({
        kind: 'rollback_only',
        open: false,
        outcome: 'rollback_failed',
        status: 'rollback failed',
        failedRollbacks: 1,
        title: 'Rollback: Restore snapshot',
      });
      const s = await h.state(row!.id);
      expect(s.rolledBack).toBe(false);

      const md = (await h.call('changes.export', { format: 'markdown', changeId: s.id })).text;
      expect(md).toContain('- Status: rollback failed');
      expect(md).not.toMatch(/rolled back/);
      const rows = exportRows(md);
      expect(rows.some((x) => /Restore snapshot: FAILED — There is no baseline/.test(x))).toBe(
        true,
      );
      expect(rows.at(-1)).toMatch(/^Close: rollback failed — There is no baseline/);

      const json = JSON.parse(
        (await h.call('changes.export', { format: 'json', changeId: s.id })).text,
      ) as { change: { outcome: string; status: string } };
      expect(json.change).toMatchObject({ outcome: 'rollback_failed', status: 'rollback failed' });

      // The export's words are describeEntry's, which the change page renders too
      // (test/unit/renderer/timeline-words.test.ts).
      s.entries.filter(timeless).forEach((e) => {
        expect(rows[s.entries.indexOf(e)]).toBe(describeEntry(e, wordsFor(s.target)));
      });
    },
  );

  it(
    'a restore that works says which version it put back, the same on the page and in the export',
    { timeout: 30_000 },
    async () => {
      h = await new Harness().open();
      const taken = await h.call('snapshots.take', { ...h.site, target: 'meta', source: 'manual' });
      const v = taken.snapshot.version;
      await h.call('snapshots.markKnownGood', {
        ...h.site,
        target: 'meta',
        version: v,
        knownGood: true,
      });
      const live = await h.call('integrations.get', { ...h.site, provider: 'meta' });
      await h.outsidePut('/meta', { ...live.data, eventMapping: {} }, live.etag);

      const s = foldChange(
        (await h.call('changes.rollback', { ...h.site, target: 'meta', action: 'restore' }))
          .entries,
      );
      expect(s).toMatchObject({ outcome: 'rolled_back', rolledBack: true });
      const rollback = s.entries.find((e) => e.type === 'rollback')!;
      expect(describeEntry(rollback)).toMatch(
        new RegExp(`^Rollback Restore snapshot \\(v${v}\\): done; provider test (passed|FAILED)$`),
      );
      const md = (await h.call('changes.export', { format: 'markdown', changeId: s.id })).text;
      const rows = exportRows(md);
      s.entries.filter(timeless).forEach((e) => {
        expect(rows[s.entries.indexOf(e)]).toBe(describeEntry(e, wordsFor(s.target)));
      });
      expect(md).not.toMatch(/Nothing was applied/);
      expect((await h.call('changes.list', h.site))[0]).toMatchObject({
        status: 'rolled back',
        failedRollbacks: 0,
      });
    },
  );

  it(
    'a rollback that fails inside an open change is recorded as failed and counted in the list',
    { timeout: 30_000 },
    async () => {
      h = await new Harness().open();
      const s = foldChange((await h.call('changes.start', { ...h.site, target: 'meta' })).entries);
      await h.call('changes.saveDraft', {
        changeId: s.id,
        body: { ...s.baseline!.body, testMode: !s.baseline!.body.testMode },
      });
      await h.call('changes.apply', { changeId: s.id });
      // A version that does not exist: the restore fails before any write.
      const failed = await h
        .call('changes.rollback', {
          ...h.site,
          target: 'meta',
          action: 'restore',
          changeId: s.id,
          version: 999,
        })
        .catch((e: unknown) => e);
      expect(String(failed)).toMatch(/999/);
      const after = await h.state(s.id);
      expect(after.rollbacks).toEqual([
        expect.objectContaining({
          action: 'restore',
          ok: false,
          error: expect.stringMatching(/999/),
        }),
      ]);
      expect(after.rolledBack).toBe(false);
      expect(after.open).toBe(true);
      const row = (await h.call('changes.list', h.site)).find((c) => c.id === s.id)!;
      expect(row).toMatchObject({ rollbacks: 1, failedRollbacks: 1 });
      const md = (await h.call('changes.export', { format: 'markdown', changeId: s.id })).text;
      expect(md).toMatch(/Rollback Restore snapshot \(v999\): FAILED — /);
    },
  );
});
