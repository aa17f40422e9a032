import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { foldChange } from '../../../shared/domain/workflow';
import { gitCli } from '../workspace/helpers';
import { Harness } from './harness';

// Issue 13 case 2: a damaged journal made its change vanish (get: "No change", list: [], openFor:
// null) and so released the site's lock, with nothing reported or moved aside. The journal lives
// in the team workspace: damage on this disk is repaired from the repository (table test); damage
// in the history itself (here: a commit made with plain git) makes a damaged change that keeps
// its site's lock until an operator abandons it.
let h: Harness;
afterEach(async () => {
  await h.close().catch(() => undefined);
  h.cleanup();
});

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

async function startChange(): Promise<{ id: string; path: string }> {
  const v = await h.call('changes.start', { ...h.site, target: 'ga4' });
  const id = foldChange(v.entries).id;
  return { id, path: h.journalFile(id) };
}

/** The workspace path (inside the repository) of a file in the workspace folder. */
const repoPath = (file: string) => relative(join(h.dir, 'workspace'), file).split('\\').join('/');

/** Commits `text` at `file` with the git command line, as a colleague's bad edit would. */
function commitWithPlainGit(file: string, text: string): void {
  const clone = mkdtempSync(join(tmpdir(), 'damaged-journal-'));
  try {
    gitCli(['clone', '-q', join(h.dir, 'workspace.git'), clone]);
    writeFileSync(join(clone, repoPath(file)), text);
    gitCli(['-C', clone, 'commit', '-qam', 'hand edit']);
    gitCli(['-C', clone, 'push', '-q', 'origin', 'main']);
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

async function tearAndRestart(path: string, tear: (l: string[]) => string[]): Promise<string> {
  await h.close();
  const torn = tear(lines(readFileSync(path, 'utf8'))).join('\n') + '\n';
  commitWithPlainGit(path, torn);
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
    'with %s: moved to quarantine/, reported with what could be read, and still locking its site until abandoned',
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
      expect(report.movedTo).toMatch(/\/workspace\/quarantine\//);
      expect(readFileSync(report.movedTo!, 'utf8')).toBe(torn);

      // The change did not vanish: listed, named by get, and it holds its site's lock (the
      // folder the journal was in names the site even though the started line is gone).
      const refusal = { error: { kind: 'conflict', current: { changeId: id, damaged: true } } };
      await expect(h.call('changes.start', { ...h.site, target: 'meta' })).rejects.toMatchObject(
        refusal,
      );
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
          siteId: h.siteId,
          movedTo: report.movedTo,
          readable: expect.objectContaining({ lines: lines(torn).length, entries: total - 1 }),
        }),
      ]);
      // Other sites are free.
      const other = await h.call('changes.start', { ...otherSite(), target: 'ga4' });
      expect(foldChange(other.entries).siteId).toBe(otherSite().siteId);

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
    'a line torn in the folder copy only: the committed journal is put back, nothing is lost',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const { id, path } = await startChange();
      const intact = readFileSync(path, 'utf8');
      await h.close();
      writeFileSync(path, intact + '{"seq":3,"at":"2026-');
      await h.open();
      const [report] = (await h.call('damage.list', {})).filter((r) => r.store === 'changes');
      expect(report).toMatchObject({
        file: path,
        reason: expect.stringMatching(/unreadable line 3: not valid JSON/),
        lost: expect.stringMatching(/^nothing/),
      });
      expect(readFileSync(path, 'utf8')).toBe(intact);
      const view = await h.call('changes.get', { changeId: id });
      expect(view.entries).toHaveLength(lines(intact).length);
      expect(await h.call('changes.openFor', h.site)).toMatchObject({ id });
      expect((await h.call('changes.openFor', h.site))!.damaged).toBeUndefined();
      // The next line goes after the committed copy: the journal reads back whole.
      await h.call('changes.note', { changeId: id, text: 'after the repair' });
      await h.close();
      await h.open();
      expect((await h.call('damage.list', {})).filter((r) => r.store === 'changes')).toHaveLength(
        1,
      );
      expect((await h.call('changes.get', { changeId: id })).entries.map((e) => e.seq)).toEqual(
        lines(intact)
          .map((_l, i) => i + 1)
          .concat(lines(intact).length + 1),
      );
    },
  );

  it(
    'a stop in the middle of the quarantine commit: the next start finishes it, the lock holds',
    { timeout: 60_000 },
    async () => {
      h = await new Harness().open();
      const { id, path } = await startChange();
      await tearAndRestart(path, (l) => l.slice(1));
      const [d] = await h.call('changes.damaged', { changeId: id });
      await h.close();
      // Take the quarantine commit back, leaving its files written but not committed: what a
      // stop after the folder was written and before the commit leaves (ops-pending.json lists
      // the paths first).
      const gitdir = join(h.dir, 'workspace.git');
      const marker = path.replace(/\.jsonl$/, '.damaged.json');
      const paths = [repoPath(path), repoPath(marker), repoPath(d!.movedTo)];
      gitCli(['--git-dir', gitdir, 'update-ref', 'refs/heads/main', 'main~1']);
      writeFileSync(join(gitdir, 'ops-pending.json'), JSON.stringify(paths));
      writeFileSync(
        join(gitdir, 'ops-materialized'),
        `${gitCli(['--git-dir', gitdir, 'rev-parse', 'main']).trim()}\n`,
      );
      await h.open();
      expect(existsSync(path)).toBe(false);
      expect(existsSync(d!.movedTo)).toBe(true);
      expect(await h.call('changes.openFor', h.site)).toMatchObject({ id, damaged: true });
      expect(gitCli(['--git-dir', gitdir, 'log', '-1', '--format=%s'])).toMatch(/^Recover writes/);
      expect(gitCli(['--git-dir', gitdir, 'ls-tree', '-r', '--name-only', 'main'])).toContain(
        repoPath(marker),
      );
    },
  );
});
