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
});
