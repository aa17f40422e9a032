import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { outsideWrite } from '../fakes/outside-edit';
import { bridge } from './bridge-helpers';
import { applyChange } from './changes-helpers';
import { expect, test } from './fixtures';
import { authUrl, git, go, startTeam, syncNow, type Laptop, type Team } from './team-helpers';

/**
 * Two laptops (two browser-mode instances with their own data folders) share one team workspace
 * on a real git server (git's http-backend behind basic auth) and one production API.
 */
let team: Team;
test.beforeEach(async ({ browser }) => {
  test.setTimeout(180_000);
  team = await startTeam(browser);
});
test.afterEach(async () => team.close());

/** A colleague's tool edits Meta outside the app (plain HTTP), then A takes a snapshot: n versions. */
async function metaVersions(l: Laptop, n: number): Promise<void> {
  const path = `/sites/${l.site.siteId}/integrations/meta`;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      const res = await fetch(`${team.sandbox.url}${path}`, {
        headers: { authorization: `Bearer ${team.sandbox.token}` },
      });
      const raw = (await res.json()) as Record<string, unknown>;
      const body = (raw.data ?? raw) as Record<string, unknown>;
      await outsideWrite({
        baseUrl: team.sandbox.url,
        token: team.sandbox.token,
        method: 'PUT',
        path,
        body: {
          ...body,
          eventMapping: { ...(body.eventMapping as object), [`custom_${i}`]: `Custom${i}` },
        },
        ifMatch: res.headers.get('etag') ?? undefined,
      });
    }
    const r = await bridge(l.page, 'snapshots.take', {
      ...l.site,
      target: 'meta',
      source: 'manual',
      label: `meta step ${i + 1}`,
    });
    expect(r.ok, r.error?.message).toBe(true);
  }
}

const serverFiles = (path: string) =>
  git(['--git-dir', team.server.repoDir, 'ls-tree', '-r', '--name-only', 'main', path]).then((o) =>
    o.split('\n').filter(Boolean),
  );

test("A marks Meta v3 known-good; B sees it with A's name, restores it during mapping_overwrite; A sees B's restore", async () => {
  const { a, b } = team;
  await metaVersions(a, 3);
  await go(a, 'snapshots/meta');
  await a.page.getByRole('button', { name: 'Mark known-good v3' }).click();
  const ask = a.page.getByRole('dialog', { name: 'Mark v3 known-good?' });
  await ask.getByRole('button', { name: 'Mark known-good' }).click();
  await expect(ask).toBeHidden();
  await expect(a.page.getByRole('button', { name: 'Unmark v3' })).toBeVisible();
  await syncNow(a);

  await syncNow(b);
  await go(b, 'snapshots/meta');
  const row = b.page.getByTestId('snap-row-3');
  await expect(row).toContainText('known-good');
  await expect(row).toContainText('Ada Ops');
  await expect(row).toContainText('marked by Ada Ops');
  await expectAccessible(b.page, 'snapshots history with authors');
  await screenshotBothThemes(b.page, 'team-snapshots-history');

  // The incident: an outside write removes purchase and add_to_cart from Meta.
  // (The drill endpoint of the API itself: both laptops reach it as a remote API, not their sandbox.)
  const drill = await fetch(
    `${new URL(team.sandbox.url).origin}/__sandbox/scenarios/mapping_overwrite`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${team.sandbox.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ siteId: b.site.siteId }),
    },
  );
  expect(drill.status).toBeLessThan(300);
  await b.page.reload();
  await b.page.getByRole('button', { name: 'Restore snapshot v3', exact: true }).click();
  await expect(b.page).toHaveURL(/#\/changes\/chg-/);
  await expect(
    b.page.getByRole('heading', { name: /Restore of Meta v3 \(known-good\)/ }),
  ).toBeVisible();
  await applyChange(b.page);
  await expect(
    b.page.getByRole('region', { name: 'Test', exact: true }).getByTestId('test-result'),
  ).toContainText('Test passed');
  const changeId = new URL(b.page.url()).hash.split('/')[2]!;
  await syncNow(b);

  await syncNow(a);
  await go(a, 'changes');
  const listed = a.page.getByRole('link', { name: /Restore of Meta v3/ });
  await expect(listed).toBeVisible();
  await listed.click();
  await expect(a.page).toHaveURL(new RegExp(changeId));
  await expect(a.page.getByTestId('timeline')).toContainText('Bob Oncall');
  await expect(a.page.getByTestId('timeline')).toContainText('Test (auto): passed');
  await expect(a.page.getByText('Opened by Bob Oncall on another laptop')).toBeVisible();
  // One writer per journal: no step, rollback or abandon of B's change is offered to A.
  await expect(a.page.getByRole('button', { name: 'Check health' })).toHaveCount(0);
  await expect(a.page.getByRole('button', { name: /Abandon change/ })).toHaveCount(0);
  await expect(a.page.getByRole('region', { name: 'Rollback' })).toHaveCount(0);
  // Each journal line links to the commit that recorded it, authored by B.
  const commit = (await a.page
    .getByTestId('timeline')
    .locator('code')
    .first()
    .getAttribute('title'))!.slice(7);
  expect(await git(['--git-dir', team.server.repoDir, 'log', '-1', '--format=%an', commit])).toBe(
    'Bob Oncall\n',
  );
  await expectAccessible(a.page, 'colleague restore in the journal');
  await screenshotBothThemes(a.page, 'team-journal-colleague-restore');
});

test('A starts a change; B is refused naming A; after A closes, B starts', async () => {
  const { a, b } = team;
  await go(a, 'changes');
  await a.page.getByLabel('Target', { exact: true }).selectOption('ga4');
  await a.page.getByRole('button', { name: 'Start change' }).click();
  await expect(a.page).toHaveURL(/#\/changes\/chg-/);

  await go(b, 'changes');
  await b.page.getByLabel('Target', { exact: true }).selectOption('meta');
  await b.page.getByRole('button', { name: 'Start change' }).click();
  const refusal = b.page.getByText(/^Ada Ops has a change open on this site since \d\d:\d\d/);
  await expect(refusal).toBeVisible();
  await expect(b.page.getByText('Ada Ops holds the team lock')).toBeVisible();
  await expectAccessible(b.page, 'team lock refusal');
  await screenshotBothThemes(b.page, 'team-lock-refused');

  // Abandon asks for its reason (journaled) before it releases the team lock.
  await a.page.getByRole('button', { name: 'Abandon change…' }).click();
  const ask = a.page.getByRole('dialog', { name: 'Abandon this change?' });
  await ask.getByLabel('Reason (kept in the change journal)').fill('B needs the site');
  await ask.getByRole('button', { name: 'Abandon change' }).click();
  await expect(ask).toBeHidden();
  await expect(a.page.getByText(/abandoned/i).first()).toBeVisible();
  await expect
    .poll(() => serverFiles('sites').then((f) => f.some((p) => p.endsWith('/lock.json'))), {
      timeout: 20_000,
    })
    .toBe(false);

  await b.page.getByRole('button', { name: 'Start change' }).click();
  await expect(b.page).toHaveURL(/#\/changes\/chg-/);
  const lock = await git([
    '--git-dir',
    team.server.repoDir,
    'log',
    '-1',
    '--format=%an|%s',
    'main',
    '--',
    'sites',
  ]);
  expect(lock).toMatch(/Bob Oncall\|/);
});

async function saveRunbook(l: Laptop, patch: (p: Page) => Promise<void>): Promise<void> {
  await go(l, 'runbooks/meta');
  await patch(l.page);
  await l.page.getByRole('button', { name: 'Save runbook' }).click();
  await expect(l.page.getByText('Runbook saved.')).toBeVisible();
}

test('a runbook edited on both laptops: different fields merge; the same field is a conflict to choose', async () => {
  const { a, b } = team;
  await saveRunbook(a, (p) => p.getByLabel('Owner').fill('Ada Ops'));
  await syncNow(a);
  await syncNow(b);
  // Different fields: A the owner, B the notes.
  await saveRunbook(a, (p) => p.getByLabel('Owner').fill('Ada Lovelace'));
  await saveRunbook(b, (p) => p.getByLabel('Notes').fill('Call the agency before disabling.'));
  await syncNow(a);
  await syncNow(b);
  await syncNow(a);
  for (const l of [a, b]) {
    await go(l, 'runbooks/meta');
    await expect(l.page.getByLabel('Owner')).toHaveValue('Ada Lovelace');
    await expect(l.page.getByLabel('Notes')).toHaveValue('Call the agency before disabling.');
  }
  // The same field, two values: a conflict both see until one chooses.
  await saveRunbook(a, (p) => p.getByLabel('Notes').fill('Page the on-call first.'));
  await saveRunbook(b, (p) => p.getByLabel('Notes').fill('Email the agency first.'));
  await syncNow(a);
  await syncNow(b);
  await go(b, 'runbooks/meta');
  const conflict = b.page.getByRole('region', { name: 'Runbook conflicts' });
  await expect(conflict).toContainText('Conflict on "notes"');
  await expect(conflict).toContainText('Page the on-call first.');
  await expect(conflict).toContainText('Email the agency first.');
  await expectAccessible(b.page, 'runbook conflict');
  await screenshotBothThemes(b.page, 'team-runbook-conflict');
  await conflict.getByRole('button', { name: "Use Ada Ops's value" }).click();
  await expect(conflict).toHaveCount(0);
  await expect(b.page.getByLabel('Notes')).toHaveValue('Page the on-call first.');
  await syncNow(b);
  await syncNow(a);
  await go(a, 'runbooks/meta');
  await expect(a.page.getByLabel('Notes')).toHaveValue('Page the on-call first.');
  await expect(a.page.getByRole('region', { name: 'Runbook conflicts' })).toHaveCount(0);
  // The value not chosen is kept in the history.
  const history = await git(['--git-dir', team.server.repoDir, 'log', '-p', 'main']);
  expect(history).toContain('Email the agency first.');
});

test('the git server stops midway: both keep working offline; when it returns everything is pushed', async () => {
  const { a, b, server } = team;
  await metaVersions(a, 1);
  await syncNow(a);
  await syncNow(b);
  const before = (await serverFiles('sites')).filter((p) => p.includes('/versions/')).length;
  await server.stop();
  // Work on both laptops: snapshots of different targets, a runbook save each.
  for (const [l, target] of [
    [a, 'ga4'],
    [b, 'gads'],
  ] as const) {
    expect(
      (await bridge(l.page, 'snapshots.take', { ...l.site, target, source: 'manual' })).ok,
    ).toBe(true);
    expect(
      (
        await bridge(l.page, 'snapshots.take', {
          ...l.site,
          target: 'data-layer',
          source: 'manual',
          label: l.name,
        })
      ).ok,
    ).toBe(true);
  }
  for (const l of [a, b]) {
    await l.page.getByRole('button', { name: 'Sync now' }).click();
    await expect(l.page.getByTestId('sync-status')).toHaveText(/Offline: [1-9]\d* local commits?/);
  }
  await screenshotBothThemes(a.page, 'team-offline');
  await server.start();
  await syncNow(a);
  await syncNow(b);
  await syncNow(a);
  const versions = (await serverFiles('sites')).filter((p) => p.includes('/versions/'));
  // A: ga4 + data-layer; B: gads + data-layer (B's data layer equals A's content? each is its own file).
  expect(versions.length).toBe(before + 4);
  for (const l of [a, b]) {
    const targets = await bridge<{ target: string; count: number }[]>(
      l.page,
      'snapshots.targets',
      l.site,
    );
    const count = Object.fromEntries(targets.value!.map((t) => [t.target, t.count]));
    expect(count).toMatchObject({ meta: 1, ga4: 1, gads: 1, 'data-layer': 2 });
  }
});

test('a commit made with the git command line appears in the app; a planted secret is refused', async () => {
  const { a, server } = team;
  await saveRunbook(a, (p) => p.getByLabel('Owner').fill('Ada Ops'));
  await syncNow(a);
  const clone = mkdtempSync(join(tmpdir(), 'ops-team-cli-'));
  try {
    await git(['clone', '-q', authUrl(server), clone]);
    expect(readFileSync(join(clone, 'README.md'), 'utf8')).toContain(
      'sites/<env>/<siteId>/<target>/runbook.json',
    );
    const files = await git(['-C', clone, 'ls-files']);
    const runbook = files.split('\n').find((f) => f.endsWith('/meta/runbook.json'))!;
    const doc = JSON.parse(readFileSync(join(clone, runbook), 'utf8'));
    doc.runbook.notes = 'Reviewed in pull request #12.';
    writeFileSync(join(clone, runbook), JSON.stringify(doc, null, 2) + '\n');
    await git(['-C', clone, 'commit', '-qam', 'Runbook: notes from the review']);
    await git(['-C', clone, 'push', '-q', 'origin', 'main']);
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
  await syncNow(a);
  await go(a, 'runbooks/meta');
  await expect(a.page.getByLabel('Notes')).toHaveValue('Reviewed in pull request #12.');

  // A secret planted in a note (the API token) is refused, naming the file; nothing is committed.
  const head = await git(['--git-dir', join(a.dataDir, 'workspace.git'), 'rev-parse', 'main']);
  await a.page.getByLabel('Notes').fill(`token for emergencies: ${team.sandbox.token}`);
  await a.page.getByRole('button', { name: 'Save runbook' }).click();
  await expect(
    a.page.getByText(
      /Refused to commit sites\/.*\/meta\/runbook\.json: it contains a stored access token/,
    ),
  ).toBeVisible();
  expect(await git(['--git-dir', join(a.dataDir, 'workspace.git'), 'rev-parse', 'main'])).toBe(
    head,
  );
  await go(a, 'settings');
  await expect(a.page.getByRole('heading', { name: 'Team workspace' })).toBeVisible();
  await expectAccessible(a.page, 'settings team workspace');
  await screenshotBothThemes(a.page, 'team-settings');
});
