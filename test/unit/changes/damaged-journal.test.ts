import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { foldChange } from '../../../shared/domain/workflow';
import { Harness } from './harness';

// Issue 13 case 2: a damaged journal made its change vanish (get: "No change", list: [], openFor:
// null) and so released the site's lock, with nothing reported or moved aside.
let h: Harness;
afterEach(async () => {
  await h.close().catch(() => undefined);
  h.cleanup();
});

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

async function startChange(): Promise<{ id: string; path: string }> {
  const v = await h.call('changes.start', { ...h.site, target: 'ga4' });
  const id = foldChange(v.entries).id;
  return { id, path: join(h.dir, 'changes', `${id}.jsonl`) };
}

async function tearAndRestart(path: string, tear: (l: string[]) => string[]): Promise<string> {
  await h.close();
  const torn = tear(lines(readFileSync(path, 'utf8'))).join('\n') + '\n';
  writeFileSync(path, torn);
  await h.open();
  return torn;
}

const otherSite = () => ({ connectionId: 'sandbox', siteId: h.core.sandbox!.siteIds[1]! });

describe('a change whose journal cannot be read back', () => {
  it.each([
    ['its first line removed', (l: string[]) => l.slice(1)],
    [
      'its first line overwritten with garbage',
      (l: string[]) => ['\u0000garbage{{{'.padEnd(l[0]!.length, 'x'), ...l.slice(1)],
    ],
  ])(
    'with %s: moved aside, reported with what could be read, and still locking until abandoned',
    { timeout: 60_000 },
    async (_label, tear) => {
      h = await new Harness().open();
      const { id, path } = await startChange();
      const total = lines(readFileSync(path, 'utf8')).length;
      const torn = await tearAndRestart(path, tear);

      // Reported on screen (through the bridge), with where it went and what could be read.
      const report = (await h.call('damage.list', {})).find((r) => r.changeId === id)!;
      expect(report).toMatchObject({
        store: 'changes',
        file: path,
        reason: expect.stringMatching(/first line/),
        kept: `${total - 1} of ${lines(torn).length} lines could be read`,
      });
      expect(existsSync(path)).toBe(false);
      expect(readFileSync(report.movedTo!, 'utf8')).toBe(torn);

      // The change did not vanish: listed, named by get, and it holds the lock. Its site is
      // unknown (the started line is gone), so it holds every site's lock.
      const refusal = { error: { kind: 'conflict', current: { changeId: id, damaged: true } } };
      await expect(h.call('changes.start', { ...h.site, target: 'meta' })).rejects.toMatchObject(
        refusal,
      );
      await expect(
        h.call('changes.start', { ...otherSite(), target: 'ga4' }),
      ).rejects.toMatchObject(refusal);
      expect(await h.call('changes.openFor', h.site)).toMatchObject({
        id,
        damaged: true,
        open: true,
      });
      expect(await h.call('changes.list', h.site)).toContainEqual(
        expect.objectContaining({ id, damaged: true, open: true }),
      );
      await expect(h.call('changes.get', { changeId: id })).rejects.toMatchObject(refusal);
      expect(await h.call('changes.damaged', { changeId: id })).toEqual([
        expect.objectContaining({
          changeId: id,
          movedTo: report.movedTo,
          readable: expect.objectContaining({ lines: lines(torn).length, entries: total - 1 }),
        }),
      ]);

      // A restart changes nothing: still locked, not reported twice.
      await h.close();
      await h.open();
      expect(await h.call('changes.openFor', h.site)).toMatchObject({ id, damaged: true });
      expect((await h.call('damage.list', {})).filter((r) => r.changeId === id)).toHaveLength(1);

      // The operator resolves it: Abandon releases the lock, for good.
      const resolved = await h.call('changes.abandonDamaged', { changeId: id, note: 'checked' });
      expect(resolved.resolved).toMatchObject({
        outcome: 'abandoned',
        by: 'Ada Ops',
        note: 'checked',
      });
      expect(await h.call('changes.openFor', h.site)).toBeNull();
      await h.close();
      await h.open();
      expect(await h.call('changes.openFor', h.site)).toBeNull();
      expect(await h.call('changes.list', h.site)).toContainEqual(
        expect.objectContaining({ id, damaged: true, open: false, outcome: 'abandoned' }),
      );
      const next = await startChange();
      expect(next.id).not.toBe(id);
    },
  );

  it(
    'with an entry missing in the middle: its own site stays locked, other sites are free',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const { id, path } = await startChange();
      await h.call('changes.note', { changeId: id, text: 'one' });
      await h.call('changes.note', { changeId: id, text: 'two' });
      await tearAndRestart(path, (l) => [...l.slice(0, 2), ...l.slice(3)]);
      const [d] = await h.call('changes.damaged', { changeId: id });
      expect(d).toMatchObject({
        siteId: h.siteId,
        target: 'ga4',
        reason: 'is missing entry 3 (the numbering jumps from 2 to 4)',
        readable: { step: 'config' },
      });
      await expect(h.call('changes.start', { ...h.site, target: 'meta' })).rejects.toMatchObject({
        error: { kind: 'conflict', current: { changeId: id, damaged: true } },
      });
      const other = await h.call('changes.start', { ...otherSite(), target: 'ga4' });
      expect(foldChange(other.entries).siteId).toBe(otherSite().siteId);
    },
  );

  it(
    'a torn last append is no damage: nothing acknowledged was lost, the change reads on',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const { id, path } = await startChange();
      await h.close();
      writeFileSync(path, readFileSync(path, 'utf8') + '{"seq":3,"at":"2026-');
      await h.open();
      expect((await h.call('damage.list', {})).filter((r) => r.store === 'changes')).toEqual([]);
      const view = await h.call('changes.get', { changeId: id });
      expect(view.problems).toEqual([expect.stringMatching(/line 3: not valid JSON/)]);
      expect(await h.call('changes.openFor', h.site)).toMatchObject({ id });
      expect((await h.call('changes.openFor', h.site))!.damaged).toBeUndefined();
    },
  );

  it(
    'a crash between marking a journal damaged and moving it: the move finishes at the next start',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const { id, path } = await startChange();
      await tearAndRestart(path, (l) => l.slice(1));
      const [d] = await h.call('changes.damaged', { changeId: id });
      await h.close();
      // Put the journal back where it was, as if the rename had not happened yet.
      writeFileSync(path, readFileSync(d!.movedTo, 'utf8'));
      const { rmSync } = await import('node:fs');
      rmSync(d!.movedTo);
      await h.open();
      expect(existsSync(path)).toBe(false);
      expect(existsSync(d!.movedTo)).toBe(true);
      expect(await h.call('changes.openFor', h.site)).toMatchObject({ id, damaged: true });
    },
  );
});
