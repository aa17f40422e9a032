import { cpSync, promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Of } from '../../../main/core/snapshots/body';
import { tempDir } from '../snapshots/helpers';
import { Harness } from '../changes/harness';

/**
 * fixtures/legacy-data is a data folder written by the app before the team workspace (snapshots
 * with marks, runbooks, two change journals with drafts and a monitor tally), produced by running
 * that version's core against its sandbox. A schema-1 version file (the first prototype) is added.
 */
const LEGACY = resolve(import.meta.dirname, 'fixtures/legacy-data');

let h: Harness | undefined;
afterEach(async () => h?.dispose());

describe('migration of a data folder written before the team workspace', () => {
  it('imports every version, mark, runbook, journal, draft and tally; counts before = after', async () => {
    const t = tempDir('ops-migrate-');
    cpSync(LEGACY, t.dir, { recursive: true });
    const site = '97da2849-d73e-4438-a907-d090402c802d';
    const v1 = JSON.parse(
      await fs.readFile(
        resolve(import.meta.dirname, '../snapshots/fixtures/v1-record.json'),
        'utf8',
      ),
    );
    v1.hash = sha256Of(v1.body);
    v1.siteId = site;
    v1.connectionId = 'sandbox';
    v1.provider = 'gads';
    v1.version = 2;
    await fs.writeFile(
      join(t.dir, 'snapshots/sandbox', site, 'gads/000002.json'),
      JSON.stringify(v1),
    );

    h = new Harness(t.dir);
    await h.open();
    const info = await h.call('workspace.info', {});
    expect(info.migration?.before).toEqual({
      versions: 7,
      marks: 3,
      runbooks: 2,
      journals: 2,
      drafts: 2,
      tallies: 1,
    });
    expect(info.migration?.after).toEqual(info.migration?.before);
    const app = await h.call('app.info', {});
    expect(app.notices.join('\n')).toMatch(
      /imported into the team workspace: 7 of 7 versions, 3 of 3 marks/,
    );

    // Served by the stores from the workspace, with the numbers people knew.
    const key = { connectionId: 'sandbox', siteId: site };
    const meta = await h.call('snapshots.list', { ...key, target: 'meta', offset: 0, limit: 50 });
    expect(meta.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(meta.versions.find((v) => v.version === 1)?.knownGood).toBe(true);
    const gads = await h.call('snapshots.list', { ...key, target: 'gads', offset: 0, limit: 50 });
    expect(gads.versions.map((v) => [v.version, v.knownGood])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect((await h.call('runbooks.get', { ...key, target: 'meta' })).notes).toBe('legacy notes');
    const changes = await h.call('changes.list', {});
    expect(changes.map((c) => c.title).sort()).toEqual(['left open', 'legacy change']);
    const open = changes.find((c) => c.open)!;
    const view = await h.call('changes.get', { changeId: open.id });
    expect(view.draft?.body.enabled).toBe(false);
    // The old folders are left in place: nothing is deleted.
    expect((await fs.readdir(join(t.dir, 'changes'))).length).toBe(5);
  });

  it('a damaged old file is never dropped silently: a torn journal becomes a damaged change that keeps the lock, a torn version is reported', async () => {
    const t = tempDir('ops-migrate-damaged-');
    cpSync(LEGACY, t.dir, { recursive: true });
    const site = '97da2849-d73e-4438-a907-d090402c802d';
    // The open change's journal lost its first line (the one naming its site); one version of
    // meta is truncated.
    const openId = 'chg-20261201-b4c26e06';
    const journal = join(t.dir, 'changes', `${openId}.jsonl`);
    const lines = (await fs.readFile(journal, 'utf8')).split('\n');
    await fs.writeFile(journal, lines.slice(1).join('\n'));
    const version = join(t.dir, 'snapshots/sandbox', site, 'meta/000002.json');
    const text = await fs.readFile(version, 'utf8');
    await fs.writeFile(version, text.slice(0, text.length / 2));

    h = new Harness(t.dir);
    await h.open();
    const info = await h.call('workspace.info', {});
    expect(info.migration?.before).toMatchObject({ versions: 6, journals: 2 });
    expect(info.migration?.after).toMatchObject({ versions: 5, journals: 1 });
    const damage = await h.call('damage.list', {});
    expect(damage).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ store: 'snapshots', file: version }),
        expect.objectContaining({ store: 'changes', file: journal, changeId: openId }),
      ]),
    );
    // The change did not vanish: its site is unknown, so it holds every site's lock.
    const [d] = await h.call('changes.damaged', { changeId: openId });
    expect(d).toMatchObject({
      changeId: openId,
      readable: { entries: lines.filter(Boolean).length - 1 },
    });
    expect(d!.siteId).toBeUndefined();
    await expect(
      h.call('changes.start', { connectionId: 'sandbox', siteId: site, target: 'ga4' }),
    ).rejects.toMatchObject({
      error: { kind: 'conflict', current: { changeId: openId, damaged: true } },
    });
    await h.call('changes.abandonDamaged', { changeId: openId });
    const started = await h.call('changes.start', {
      connectionId: 'sandbox',
      siteId: site,
      target: 'ga4',
    });
    expect(started.entries[0]).toMatchObject({ type: 'started', siteId: site });
  });
});
