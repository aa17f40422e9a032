import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { bridge, site } from './bridge-helpers';
import { expect, test } from './fixtures';

// Issue 13 case 2 (and issue 12 item 5) as an operator meets them: damaged files are on screen
// with their path and what was lost, and a change whose journal was damaged still holds its
// site's lock until it is abandoned from its page.
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
  // The journal loses its first line; the runbooks file is truncated.
  const journal = join(ops.dataDir, 'changes', `${id}.jsonl`);
  writeFileSync(journal, readFileSync(journal, 'utf8').split('\n').slice(1).join('\n'));
  const runbooks = join(ops.dataDir, 'runbooks', t.connectionId, `${t.siteId}.json`);
  writeFileSync(runbooks, readFileSync(runbooks, 'utf8').slice(0, 40));
  await ops.restart();
  await page.goto(ops.launchUrl);

  // The journal's damage is on screen at once, on every screen, with its path.
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText('Change journal: a damaged file was moved aside');
  await expect(notices).toContainText(journal);
  await expect(notices).toContainText('keeps the lock of every site until you abandon it');
  // The runbooks' damage shows when they are read.
  await page.goto(new URL('/#/runbooks', page.url()).toString());
  await expect(notices).toContainText('Runbooks: a damaged file was moved aside');
  await expect(notices).toContainText('the defaults are shown until they are entered again');
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
  await expect(card).toContainText('It still holds the lock of every site');
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
