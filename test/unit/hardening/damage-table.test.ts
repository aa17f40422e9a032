import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DamagedStore } from '../../../shared/bridge/calls/damage';
import { eventually } from '../../fakes/poll';
import { buildWorld, copyWorld, OpenCore, type World } from './damage-world';

// Issue 12 item 5 / issue 13 cases 2, 3, 10: every store reports a quarantined file on screen
// (through the bridge: damage.list and the damage.reported event) with its path and what was
// lost, and nothing else is reset. One row per store: corrupt one file, reopen, read it.

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 120_000);
afterAll(() => rmSync(world.template, { recursive: true, force: true }));

const half = (path: string) => {
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
};

interface Row {
  store: DamagedStore;
  file: (w: World, dir: string) => string;
  /** What the operator does that makes the store read the file (nothing: read at start). */
  read?: (c: OpenCore, w: World) => Promise<unknown>;
  lost: RegExp;
  /** What this row's damage legitimately changes in the checks of everything else. */
  skip?: ('settings' | 'secrets' | 'snapshots' | 'changes' | 'runbooks' | 'drafts' | 'sandbox')[];
}

const siteA = (w: World) => ({ connectionId: 'sandbox', siteId: w.siteA });

const ROWS: Row[] = [
  {
    store: 'settings',
    file: (_w, d) => join(d, 'settings.json'),
    lost: /settings changed after/,
  },
  {
    store: 'secrets',
    file: (_w, d) => join(d, 'secrets.json'),
    read: (c) => c.value('connections.list', {}),
    lost: /stored connection tokens/,
    skip: ['secrets'],
  },
  {
    store: 'cache',
    // Prod's offline copy: Prod refuses connections, so the read falls back to it. (The sandbox
    // connection's copies are dropped at each start: its port changes.)
    file: (w, d) => join(d, 'cache', 'prod', w.siteA, 'integrations.json'),
    read: (c, w) => c.bridge('integrations.list', { connectionId: 'prod', siteId: w.siteA }),
    lost: /offline copy of integrations/,
  },
  {
    store: 'snapshots',
    file: (w, d) => join(d, 'snapshots', 'sandbox', w.siteA, 'ga4', '000001.json'),
    read: (c, w) => c.bridge('snapshots.get', { ...siteA(w), target: 'ga4', version: 1 }),
    lost: /snapshot version 1 of ga4/,
    skip: ['snapshots'],
  },
  {
    store: 'changes',
    file: (w, d) => join(d, 'changes', `${w.monitored}.jsonl`),
    lost: /unreadable entries of change .*keeps the site's lock/,
    skip: ['changes'],
  },
  {
    store: 'monitor',
    file: (w, d) => join(d, 'changes', `${w.monitored}.monitor.json`),
    // Read by the monitor, which resumes on its own after the start.
    lost: /running tally of the monitor/,
  },
  {
    store: 'runbooks',
    file: (w, d) => join(d, 'runbooks', 'sandbox', `${w.siteA}.json`),
    read: (c, w) => c.value('runbooks.get', { ...siteA(w), target: 'ga4' }),
    lost: /runbooks of site .*defaults are shown/,
    skip: ['runbooks'],
  },
  {
    store: 'drafts',
    file: (w, d) => join(d, 'changes', `${w.drafted}.draft.json`),
    read: (c, w) => c.value('changes.get', { changeId: w.drafted }),
    lost: /draft of change/,
    skip: ['drafts'],
  },
  {
    store: 'sandbox',
    file: (w, d) => join(d, 'sandbox', 'sites', `${w.siteA}.json`),
    lost: /re-seeded with the demo data \(other sites are kept\)/,
  },
];

describe('a damaged file in any store', () => {
  it.each(ROWS.map((r) => [r.store, r] as const))(
    '%s: moved aside, on screen with its path and what was lost, nothing else reset',
    { timeout: 60_000 },
    async (_store, row) => {
      const copy = copyWorld(world);
      const file = row.file(world, copy.dir);
      // A journal loses an entry in the middle (first-line cases: damaged-journal.test.ts).
      if (row.store === 'changes') {
        const l = readFileSync(file, 'utf8').split('\n');
        writeFileSync(file, [l[0], ...l.slice(2)].join('\n'));
      } else half(file);
      const c = await new OpenCore(copy.dir).open();
      try {
        await row.read?.(c, world);
        const report = await eventually(
          async () => (await c.value('damage.list', {})).find((r) => r.store === row.store),
          { what: `the ${row.store} report` },
        );
        expect(report).toMatchObject({ file, lost: expect.stringMatching(row.lost) });
        expect(report.movedTo).toMatch(/\.corrupt-/);
        expect(readdirSync(join(report.movedTo!, '..'))).toContain(
          report.movedTo!.split('/').pop(),
        );
        // Every open window heard of it, and it was the only damage.
        expect(c.events).toContainEqual({ name: 'damage.reported', payload: report });
        expect((await c.value('damage.list', {})).map((r) => r.store)).toEqual([row.store]);
        await expectNothingElseReset(c, world, copy.dir, row.skip ?? []);
      } finally {
        await c.close();
        copy.dispose();
      }
    },
  );
});

async function expectNothingElseReset(
  c: OpenCore,
  w: World,
  dir: string,
  skip: NonNullable<Row['skip']>,
): Promise<void> {
  const a = siteA(w);
  const b = { connectionId: 'sandbox', siteId: w.siteB };
  if (!skip.includes('settings')) {
    expect((await c.value('settings.get', {})).operatorName).toBe('Ada Ops');
    expect((await c.value('sites.list', {})).some((s) => s.connectionId === 'prod')).toBe(true);
  }
  if (!skip.includes('secrets'))
    expect((await c.value('connections.list', {})).find((x) => x.id === 'prod')?.hasToken).toBe(
      true,
    );
  if (!skip.includes('snapshots'))
    for (const t of ['ga4', 'meta'] as const)
      expect(
        (await c.value('snapshots.list', { ...a, target: t, offset: 0, limit: 50 })).total,
      ).toBe(w.snapshotCounts[t]);
  if (!skip.includes('changes'))
    expect((await c.value('changes.openFor', a))?.id).toBe(w.monitored);
  expect((await c.value('changes.openFor', b))?.id).toBe(w.drafted);
  if (!skip.includes('drafts'))
    expect((await c.value('changes.get', { changeId: w.drafted })).draft?.body.testMode).toBe(true);
  if (!skip.includes('runbooks'))
    expect((await c.value('runbooks.get', { ...a, target: 'ga4' })).saved).toBe(true);
  expect((await c.value('runbooks.get', { ...b, target: 'meta' })).notes).toBe('kept');
  if (!skip.includes('sandbox')) {
    const siteB = JSON.parse(
      readFileSync(join(dir, 'sandbox', 'sites', `${w.siteB}.json`), 'utf8'),
    );
    expect(siteB.site.name).toBe(w.siteBName);
  }
}
