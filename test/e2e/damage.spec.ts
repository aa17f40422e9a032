import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { bridge, site } from './bridge-helpers';
import { expect, test } from './fixtures';
import { findInWorkspace, git } from './team-helpers';

/** A commit made with the git command line into the app's own workspace repository. */
async function commitWithPlainGit(dataDir: string, file: string, text: string): Promise<void> {
  const clone = mkdtempSync(join(tmpdir(), 'e2e-damage-'));
  try {
    await git(['clone', '-q', join(dataDir, 'workspace.git'), clone]);
    writeFileSync(join(clone, relative(join(dataDir, 'workspace'), file)), text);
    await git([
      '-c',
      'user.name=Plain Git',
      '-c',
      'user.email=plain@example.com',
      '-C',
      clone,
      'commit',
      '-qam',
      'hand edit',
    ]);
    await git(['-C', clone, 'push', '-q', 'origin', 'main']);
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

// Issue 13 case 2 (and issue 12 item 5) as an operator meets them: damaged files are on screen
// with their path and what was lost, and a change whose journal was damaged still holds its
// site's lock until it is abandoned from its page. The files live in the team workspace: damage
// on this disk only is repaired from the repository; damage in its history is quarantined.
test('a damaged journal and runbook file: notices on screen, the damaged change locks until abandoned', async ({
  opsPage: page,
  ops,
}) => {
  test.setTimeout(120_000);
  const t = await site(page);
  await bridge(page, 'settings.update', { operatorName: 'Ada Ops' });
  const started = await bridge<{ entries: { changeId?: string }[] }>(page, 'changes.start', {
    ...t,
    target: 'ga4',
  });
  const id = started.value!.entries[0]!.changeId!;
  await bridge(page, 'runbooks.save', {
    ...t,
    target: 'meta',
    runbook: {
      owner: 'Ada Ops',
      escalation: [],
      businessCycleMinutes: 60,
      rollbackControls: [],
      notes: 'pager first',
    },
  });
  await ops.stop();
  // The journal loses its first line in a commit made with plain git (the history itself); the
  // runbook file is truncated on this disk only (the repository still has it whole).
  const journal = findInWorkspace(ops.dataDir, [t.siteId, 'changes', `${id}.jsonl`]);
  await commitWithPlainGit(
    ops.dataDir,
    journal,
    readFileSync(journal, 'utf8').split('\n').slice(1).join('\n'),
  );
  const runbook = findInWorkspace(ops.dataDir, [t.siteId, 'meta', 'runbook.json']);
  const intactRunbook = readFileSync(runbook, 'utf8');
  writeFileSync(runbook, intactRunbook.slice(0, 40));
  await ops.restart();
  await page.goto(ops.launchUrl);

  // The journal's damage is on screen at once, on every screen, with its path.
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText('Change journal: a damaged file was moved aside');
  await expect(notices).toContainText(journal);
  await expect(notices).toContainText("it keeps the site's lock until you abandon it");
  // The runbook's damage shows when it is read: put back from the repository, nothing lost.
  await page.goto(new URL('/#/runbooks', page.url()).toString());
  const meta = await bridge<{ notes: string }>(page, 'runbooks.get', { ...t, target: 'meta' });
  expect(meta.value?.notes).toBe('pager first');
  await expect(notices).toContainText('Runbooks: a damaged file was moved aside');
  await expect(notices).toContainText('the copy in the team workspace repository was intact');
  expect(readFileSync(runbook, 'utf8')).toBe(intactRunbook);
  await screenshotBothThemes(page, 'damage-notices');
  await expectAccessible(page, 'damage notices');

  // The change did not vanish: the journal lists it, and it holds the lock.
  await page.goto(new URL('/#/changes', page.url()).toString());
  await expect(page.getByTestId('journal')).toContainText('damaged journal · holds the lock');
  await page.getByLabel('Target', { exact: true }).selectOption('meta');
  await page.getByRole('button', { name: 'Start change' }).click();
  await expect(page.getByText('A damaged change holds the lock', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: `Resolve change ${id}` }).click();

  // Its page says what could be read and offers Abandon.
  const card = page.getByTestId('damaged-change');
  await expect(card).toContainText(`Damaged change ${id}`);
  await expect(card).toContainText('lost its first line');
  await expect(card).toContainText('It still holds the lock of its site');
  await screenshotBothThemes(page, 'damaged-change');
  await expectAccessible(page, 'damaged change');
  await page.getByRole('button', { name: 'Abandon damaged change' }).click();
  await page.getByLabel('Note (kept with the record)').fill('checked ga4 live: unchanged');
  await page.getByRole('button', { name: 'Abandon and release the lock' }).click();
  await expect(card).toContainText('Abandoned by Ada Ops');
  await expect(card).toContainText('checked ga4 live: unchanged');
  await screenshotBothThemes(page, 'damaged-change-abandoned');

  // The lock is released: a change can start again.
  await page.goto(new URL('/#/changes', page.url()).toString());
  await expect(page.getByTestId('journal')).toContainText('damaged journal · abandoned');
  await page.getByLabel('Target', { exact: true }).selectOption('meta');
  await page.getByRole('button', { name: 'Start change' }).click();
  await expect(page).toHaveURL(/#\/changes\/chg-/);
  await expect(page.locator('.step-current h3')).toHaveText('Config');

  // Dismissed notices stay dismissed after a reload (the moved-aside files stay on disk).
  await page.getByRole('button', { name: `Dismiss the notice about ${journal}` }).click();
  await expect(notices).not.toContainText(journal);
  await page.reload();
  await expect(notices).toContainText('Runbooks: a damaged file was moved aside');
  await expect(notices).not.toContainText(journal);
});

// Issue 13 case 1: an unhandled rejection in main is shown, and browser mode keeps serving.
test('an internal failure main survives is shown as a notice', async ({ opsPage: page, ops }) => {
  test.setTimeout(90_000);
  const fault = resolve(import.meta.dirname, '../unit/hardening/fixtures/fault-on-signal.mjs');
  // Only the restarted browser-mode process gets the fault injector (on SIGWINCH).
  process.env.NODE_OPTIONS = `--import=${pathToFileURL(fault).href}`;
  try {
    await ops.restart();
  } finally {
    delete process.env.NODE_OPTIONS;
  }
  await page.goto(ops.launchUrl);
  await expect(page.getByRole('heading', { name: /^Overview/ })).toBeVisible();
  ops.process.kill('SIGWINCH');
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText('The app recovered from an internal error');
  await expect(notices).toContainText('injected fault for the test');
  expect(ops.process.exitCode).toBeNull();
  await screenshotBothThemes(page, 'internal-error-notice');
  await expectAccessible(page, 'internal error notice');
  // Still serving: the next screen loads its data.
  await page.goto(new URL('/#/connections', page.url()).toString());
  await expect(page.getByRole('heading', { name: 'Sandbox', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss this notice' }).click();
  await expect(notices).toHaveCount(0);
});
