import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DamagedStore } from '../../../shared/bridge/calls/damage';
import { authUrl, startGitServer } from '../../fakes/git-server';
import { eventually } from '../../fakes/poll';
import { gitCli, gitNet } from '../workspace/helpers';
import { buildWorld, copyWorld, OpenCore, wsFile, type World } from './damage-world';

// Issue 12 item 5 / issue 13 cases 2, 3, 10: every store reports a quarantined file on screen
// (through the bridge: damage.list and the damage.reported event) with its path and what was
// lost, and nothing else is reset. One row per store: corrupt one file, reopen, read it. The
// stores of the team workspace (issue 16) are damaged three ways: on this disk only, in the
// history itself, and in a commit that arrives from the git server.

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 120_000);
afterAll(() => rmSync(world.template, { recursive: true, force: true }));

const half = (path: string) => {
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
};

type Skip =
  'settings' | 'secrets' | 'snapshots' | 'marks' | 'changes' | 'runbooks' | 'drafts' | 'sandbox';

interface Row {
  store: DamagedStore;
  file: (w: World, dir: string) => string;
  /** What the operator does that makes the store read the file (nothing: read at start). */
  read?: (c: OpenCore, w: World) => Promise<unknown>;
  lost: RegExp;
  /** What this row's damage legitimately changes in the checks of everything else. */
  skip?: Skip[];
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
      half(file);
      const c = await new OpenCore(copy.dir).open();
      try {
        await row.read?.(c, world);
        const report = await reportOf(c, row.store);
        expect(report).toMatchObject({ file, lost: expect.stringMatching(row.lost) });
        expect(report.movedTo).toMatch(/\.corrupt-/);
        expect(existsSync(report.movedTo!)).toBe(true);
        await expectOnlyDamage(c, report);
        await expectNothingElseReset(c, world, copy.dir, row.skip ?? []);
      } finally {
        await c.close();
        copy.dispose();
      }
    },
  );
});

/** The team workspace's files: one row per kind of file a store reads from it. */
interface WorkspaceRow {
  kind: string;
  store: DamagedStore;
  /** The file's path in the repository. */
  path: (w: World) => string;
  /** How it is damaged (half of it by default). */
  damage?: (text: string) => string;
  read?: (c: OpenCore, w: World) => Promise<unknown>;
  /** What the operator loses when the damage is in the history itself. */
  lost: RegExp;
  skip?: Skip[];
  /** Written again by the app on its own after the read (the monitor's tally, every poll). */
  live?: boolean;
  /** Appended to by the app on its own (the running monitor journals an anomaly). */
  grows?: boolean;
}

const firstIn = (w: World, dir: string) =>
  `${dir}/${
    readdirSync(wsFile(w.template, dir))
      .filter((n) => n.endsWith('.json'))
      .sort()[0]!
  }`;
const siteDirOf = (w: World, site: string) => `sites/${w.sandboxEnv}/${site}`;

const WORKSPACE_ROWS: WorkspaceRow[] = [
  {
    kind: 'snapshot version',
    store: 'snapshots',
    path: (w) => firstIn(w, `${siteDirOf(w, w.siteA)}/ga4/versions`),
    read: (c, w) => c.bridge('snapshots.get', { ...siteA(w), target: 'ga4', version: 1 }),
    lost: /snapshot version \w+ of ga4/,
    skip: ['snapshots', 'marks'],
  },
  {
    kind: 'known-good mark',
    store: 'snapshots',
    path: (w) => firstIn(w, `${siteDirOf(w, w.siteA)}/ga4/marks`),
    read: (c, w) => c.value('snapshots.list', { ...siteA(w), target: 'ga4', offset: 0, limit: 50 }),
    lost: /a known-good mark of ga4/,
    skip: ['marks'],
  },
  {
    kind: 'change journal',
    store: 'changes',
    path: (w) => `${siteDirOf(w, w.siteA)}/changes/${w.monitored}.jsonl`,
    // An entry lost in the middle (first-line cases: damaged-journal.test.ts).
    damage: (text) => {
      const l = text.split('\n');
      return [l[0], ...l.slice(2)].join('\n');
    },
    lost: /unreadable entries of change .*keeps the site's lock/,
    skip: ['changes'],
    grows: true,
  },
  {
    kind: 'monitor tally',
    store: 'monitor',
    path: (w) => `${siteDirOf(w, w.siteA)}/changes/${w.monitored}.monitor.json`,
    // Read by the monitor, which resumes on its own after the start.
    lost: /running tally of the monitor/,
    live: true,
  },
  {
    kind: 'runbook',
    store: 'runbooks',
    path: (w) => `${siteDirOf(w, w.siteA)}/ga4/runbook.json`,
    read: (c, w) => c.value('runbooks.get', { ...siteA(w), target: 'ga4' }),
    lost: /runbook of ga4 on site .*defaults are shown/,
    skip: ['runbooks'],
  },
  {
    kind: 'draft',
    store: 'drafts',
    path: (w) => `${siteDirOf(w, w.siteB)}/changes/${w.drafted}.draft.json`,
    read: (c, w) => c.value('changes.get', { changeId: w.drafted }),
    lost: /draft of change/,
    skip: ['drafts'],
  },
];

const damaged = (row: WorkspaceRow, text: string) =>
  (row.damage ?? ((t: string) => t.slice(0, Math.floor(t.length / 2))))(text);

describe('a damaged file of the team workspace', () => {
  const cases = WORKSPACE_ROWS.map((r) => [r.kind, r] as const);

  // Damage on this disk only: the repository's copy is intact, so it is put back. Nothing is
  // lost, and the damage never reaches the team as a deletion.
  it.each(cases)(
    '%s damaged in the folder: the committed copy is put back, the damaged one kept beside it, reported',
    { timeout: 60_000 },
    async (_kind, row) => {
      const copy = copyWorld(world);
      const path = row.path(world);
      const file = wsFile(copy.dir, path);
      const intact = readFileSync(file, 'utf8');
      writeFileSync(file, damaged(row, intact));
      const c = await new OpenCore(copy.dir).open();
      try {
        await row.read?.(c, world);
        const report = await reportOf(c, row.store);
        expect(report).toMatchObject({
          file,
          lost: expect.stringMatching(/^nothing/),
          kept: expect.stringMatching(/back in place/),
        });
        expect(report.movedTo).toMatch(/\.corrupt-/);
        expect(readFileSync(report.movedTo!, 'utf8')).toBe(damaged(row, intact));
        expectIntact(row, file, intact);
        await expectOnlyDamage(c, report);
        await expectNothingElseReset(c, world, copy.dir, []);
      } finally {
        await c.close();
        copy.dispose();
      }
    },
  );

  // The damage is in the shared history (a commit made with plain git): the file is moved to
  // quarantine/ in a commit every laptop receives, and reported with what was lost.
  it.each(cases)(
    '%s damaged in the history: moved to quarantine/ in a commit, reported, nothing else reset',
    { timeout: 60_000 },
    async (_kind, row) => {
      const copy = copyWorld(world);
      const path = row.path(world);
      const bad = damaged(row, readFileSync(wsFile(copy.dir, path), 'utf8'));
      commitWithPlainGit(join(copy.dir, 'workspace.git'), path, bad);
      const c = await new OpenCore(copy.dir).open();
      try {
        await row.read?.(c, world);
        const report = await reportOf(c, row.store);
        expect(report).toMatchObject({
          file: wsFile(copy.dir, path),
          lost: expect.stringMatching(row.lost),
        });
        expect(report.movedTo).toMatch(/\/workspace\/quarantine\/[^/]+\//);
        expect(readFileSync(report.movedTo!, 'utf8')).toBe(bad);
        // (The monitor starts a fresh tally at once.)
        if (!row.live) expect(existsSync(wsFile(copy.dir, path))).toBe(false);
        const log = gitCli(['--git-dir', join(copy.dir, 'workspace.git'), 'log', '--format=%s']);
        expect(log.split('\n').filter((l) => l.startsWith(`Quarantine ${path}: it `))).toHaveLength(
          1,
        );
        await expectOnlyDamage(c, report);
        await expectNothingElseReset(c, world, copy.dir, row.skip ?? []);
        if (row.store === 'changes') {
          // The change did not vanish: it holds its site's lock until an operator abandons it.
          const a = siteA(world);
          expect(await c.value('changes.openFor', a)).toMatchObject({
            id: world.monitored,
            damaged: true,
          });
          const start = await c.bridge('changes.start', { ...a, target: 'meta' });
          expect(start).toMatchObject({
            ok: false,
            error: { kind: 'conflict', current: { changeId: world.monitored, damaged: true } },
          });
        }
      } finally {
        await c.close();
        copy.dispose();
      }
    },
  );

  // A colleague's push (or a plain-git commit on the server) sends a file that does not parse:
  // the merge keeps it out of the tree (quarantine/), this laptop keeps its own copy.
  it.each(cases)(
    '%s arriving damaged from the git server: quarantined by the merge, reported, nothing reset',
    { timeout: 90_000 },
    async (_kind, row) => {
      const copy = copyWorld(world);
      const server = await startGitServer();
      const clone = mkdtempSync(join(tmpdir(), 'damage-remote-'));
      const path = row.path(world);
      const file = wsFile(copy.dir, path);
      const ours = readFileSync(file, 'utf8');
      let c: OpenCore | undefined;
      try {
        // The team's repository holds this laptop's history, then a commit with the damage.
        await gitNet([
          '--git-dir',
          join(copy.dir, 'workspace.git'),
          'push',
          '-q',
          authUrl(server),
          'main',
        ]);
        await gitNet(['clone', '-q', authUrl(server), clone]);
        writeFileSync(join(clone, ...path.split('/')), damaged(row, ours));
        gitCli(['-C', clone, 'commit', '-qam', `damage ${path}`]);
        await gitNet(['-C', clone, 'push', '-q', 'origin', 'main']);

        c = await new OpenCore(copy.dir).open();
        await c.value('workspace.configure', {
          url: server.url,
          branch: 'main',
          username: server.username,
          token: server.password,
        });
        await c.value('workspace.enable', { enabled: true });
        const report = await reportOf(c, row.store);
        expect(report).toMatchObject({
          file,
          lost: expect.stringMatching(/the git server sent; this laptop kept its own copy/),
        });
        expect(report.movedTo).toMatch(/\/workspace\/quarantine\/[^/]+\//);
        expect(readFileSync(report.movedTo!, 'utf8')).toBe(damaged(row, ours));
        expectIntact(row, file, ours);
        await row.read?.(c, world);
        await expectOnlyDamage(c, report);
        await expectNothingElseReset(c, world, copy.dir, []);
      } finally {
        await c?.close();
        await server.close();
        rmSync(clone, { recursive: true, force: true });
        copy.dispose();
      }
    },
  );
});

/**
 * The file as it was; a growing one (a journal) with every line it had first; a live one
 * (rewritten since) at least reads back whole.
 */
function expectIntact(row: WorkspaceRow, file: string, before: string): void {
  const now = readFileSync(file, 'utf8');
  if (row.live) expect(() => JSON.parse(now) as unknown).not.toThrow();
  else if (row.grows) expect(now.slice(0, before.length)).toBe(before);
  else expect(now).toBe(before);
}

async function reportOf(c: OpenCore, store: DamagedStore) {
  return eventually(async () => (await c.value('damage.list', {})).find((r) => r.store === store), {
    what: `the ${store} report`,
  });
}

/** Every open window heard of it, and it was the only damage. */
async function expectOnlyDamage(c: OpenCore, report: { store: DamagedStore }) {
  expect(c.events).toContainEqual({ name: 'damage.reported', payload: report });
  expect((await c.value('damage.list', {})).map((r) => r.store)).toEqual([report.store]);
}

/** A commit made with the git command line straight into a laptop's workspace repository. */
function commitWithPlainGit(gitdir: string, path: string, text: string): void {
  const clone = mkdtempSync(join(tmpdir(), 'damage-history-'));
  try {
    gitCli(['clone', '-q', gitdir, clone]);
    writeFileSync(join(clone, ...path.split('/')), text);
    gitCli(['-C', clone, 'commit', '-qam', `edit ${path}`]);
    gitCli(['-C', clone, 'push', '-q', 'origin', 'main']);
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

async function expectNothingElseReset(
  c: OpenCore,
  w: World,
  dir: string,
  skip: Skip[],
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
  if (!skip.includes('marks'))
    expect(
      (await c.value('snapshots.list', { ...a, target: 'ga4', offset: 0, limit: 50 })).versions.at(
        -1,
      )?.knownGood,
    ).toBe(true);
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
