import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { bridge, changeThroughRunbook, site } from './bridge-helpers';
import { applyChange } from './changes-helpers';
import { expect, test } from './fixtures';
import { findInWorkspace } from './team-helpers';

type Entry = { id: number; event: string; status: string; timestamp: string };
async function purchasesSentSince(
  page: Page,
  t: { connectionId: string; siteId: string },
  since: number,
): Promise<number> {
  const r = await bridge<{ data: { entries: Entry[] } }>(page, 'integrations.logs', {
    ...t,
    provider: 'meta',
    limit: 500,
    offset: 0,
  });
  return (r.value?.data.entries ?? []).filter(
    (e) => e.event === 'purchase' && e.status === 'sent' && Date.parse(e.timestamp) > since,
  ).length;
}

const badge = (page: Page) => page.getByTestId('drift-badge');

test('restore a known-good version after mapping_overwrite: test runs, purchases flow again', async ({
  opsPage: page,
  ops,
}) => {
  test.setTimeout(120_000);
  const t = await site(page);
  await page.goto(`${new URL(page.url()).origin}/#/snapshots/meta`);
  await expect(page.getByRole('heading', { level: 1, name: /Snapshots · Meta/ })).toBeVisible();
  await expect(page.getByText('No snapshot yet')).toBeVisible();

  // Baseline, then mark it known-good.
  await page.getByLabel('Label for a new snapshot').fill('launch baseline');
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(page.getByTestId('snap-row-1')).toContainText('launch baseline');
  // The known-good note: the app's own dialog (window.prompt does nothing under Electron).
  await page.getByRole('button', { name: 'Mark known-good v1' }).click();
  const ask = page.getByRole('dialog', { name: 'Mark v1 known-good?' });
  await expect(ask).toBeVisible();
  await page.keyboard.press('Escape'); // Cancel marks nothing
  await expect(ask).toBeHidden();
  await expect(page.getByRole('button', { name: 'Unmark v1' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Mark known-good v1' }).click();
  await expect(ask).toBeVisible();
  await expect(ask.getByLabel('Why is it known-good? (optional)')).toBeFocused();
  await expectAccessible(page, 'known-good note dialog');
  await screenshotBothThemes(page, 'snapshots-known-good-note');
  await ask.getByLabel('Why is it known-good? (optional)').fill('verified in production');
  await ask.getByRole('button', { name: 'Mark known-good' }).click();
  await expect(ask).toBeHidden();
  await expect(page.getByTestId('snap-row-1')).toContainText('known-good');
  await expect(page.getByRole('button', { name: 'Unmark v1' })).toBeFocused();
  const marks = findInWorkspace(ops.dataDir, [t.siteId, 'meta', 'marks']);
  const notes = readdirSync(marks).map(
    (f) => (JSON.parse(readFileSync(join(marks, f), 'utf8')) as { note?: string }).note,
  );
  expect(notes).toContain('verified in production');
  await expect(badge(page)).toHaveText(/Matches known-good v1/);
  await expectAccessible(page, 'snapshots history');
  await screenshotBothThemes(page, 'snapshots-history');

  // Someone's tool overwrites the mapping: purchase and add_to_cart vanish.
  expect((await bridge(page, 'drills.start', { ...t, scenario: 'mapping_overwrite' })).ok).toBe(
    true,
  );
  await page.reload();
  await expect(badge(page)).toHaveText(/Drifted from known-good v1/);
  await page.getByRole('button', { name: 'Show diff' }).click();
  const drift = page.locator('.snap-drift-diff');
  await expect(drift.getByRole('cell', { name: 'purchase', exact: true })).toBeVisible();
  await expect(drift.getByText(/Mapping for "purchase" removed/)).toBeVisible();
  await page.locator('.snap-drift-diff').getByRole('button', { name: 'Inline' }).click();
  await expect(drift.getByRole('list', { name: 'Differences, inline' })).toContainText('purchase');
  await expectAccessible(page, 'snapshots drift');
  await screenshotBothThemes(page, 'snapshots-drift');

  // Restore snapshot v1: a change opens on meta at Config, with v1 as the draft (nothing PUT yet).
  await page.getByRole('button', { name: 'Restore snapshot v1', exact: true }).click();
  await expect(page).toHaveURL(/#\/changes\/chg-/);
  await expect(page.locator('.step-current h3')).toHaveText('Config');
  await expect(
    page.getByRole('heading', { name: /Restore of Meta v1 \(known-good\)/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('group', { name: 'Event mapping' }).getByLabel('Provider event for purchase'),
  ).toHaveValue('Purchase');
  await expect(page.getByRole('region', { name: /Diff against the baseline/ })).toContainText(
    'purchase',
  );
  await expect(page.getByTestId('timeline')).toContainText(/restore of snapshot v1 .*as the draft/);
  await expectAccessible(page, 'restore change config');
  await screenshotBothThemes(page, 'snapshots-restore-change');

  // Apply change: the mandatory test runs on its own and passes (the masked token was kept).
  const restoredAt = Date.now();
  await applyChange(page);
  await expect(
    page.getByRole('region', { name: 'Test', exact: true }).getByTestId('test-result'),
  ).toContainText('Test passed');
  await expect(page.locator('.step-current h3')).toHaveText('Health');
  await screenshotBothThemes(page, 'snapshots-restore-tested');

  // History: v2 = the overwritten state (the change's baseline); live matches v1 again, drift cleared.
  await page.goto(`${new URL(page.url()).origin}/#/snapshots/meta`);
  await expect(page.getByTestId('snap-row-2')).toContainText('baseline of change');
  await expect(badge(page)).toHaveText(/Matches known-good v1/);

  // Purchases are mapped and sent again.
  await expect
    .poll(() => purchasesSentSince(page, t, restoredAt), { timeout: 60_000, intervals: [1000] })
    .toBeGreaterThan(0);
});

test('Restore snapshot respects the one-change-per-site lock and links to the open change', async ({
  opsPage: page,
}) => {
  const t = await site(page);
  await bridge(page, 'snapshots.take', { ...t, target: 'meta', source: 'manual' });
  await bridge(page, 'drills.start', { ...t, scenario: 'mapping_overwrite' });
  const open = await bridge<{ entries: { changeId?: string }[] }>(page, 'changes.start', {
    ...t,
    target: 'ga4',
  });
  const openId = open.value!.entries[0]!.changeId!;
  await page.goto(`${new URL(page.url()).origin}/#/snapshots/meta`);
  await page.getByRole('button', { name: 'Restore snapshot v1', exact: true }).click();
  await expect(page.getByText('One provider at a time', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: `Open change ${openId}` }).click();
  await expect(page).toHaveURL(new RegExp(`#/changes/${openId}`));
});

test('compare, export as a download, import reports duplicates and refusals', async ({
  opsPage: page,
}) => {
  const t = await site(page);
  for (const label of ['first', 'second']) {
    if (label === 'second')
      await changeThroughRunbook(page, 'ga4', (live) => ({ ...live, testMode: true }));
    await bridge(page, 'snapshots.take', { ...t, target: 'ga4', source: 'manual', label });
  }
  await page.goto(`${new URL(page.url()).origin}/#/snapshots/ga4`);
  await page.getByRole('checkbox', { name: 'Pick v1 for compare or export' }).check();
  await page.getByRole('checkbox', { name: 'Pick v2 for compare or export' }).check();
  await page.getByRole('button', { name: 'Compare picked (2)' }).click();
  const cmp = page.getByRole('region', { name: 'Compare' });
  await expect(cmp.getByRole('cell', { name: 'testMode' })).toBeVisible();
  await cmp.getByRole('button', { name: 'Full JSON' }).click();
  await expect(cmp.locator('figcaption')).toHaveCount(2);
  await expectAccessible(page, 'snapshots compare');
  await screenshotBothThemes(page, 'snapshots-compare');

  // Export: a Blob-URL download works under our CSP (the fixture fails the test on any violation).
  await page.getByRole('button', { name: 'Export picked (2)' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('snap-download').click(),
  ]);
  const text = readFileSync(await download.path(), 'utf8');
  const bundle = JSON.parse(text) as { items: { body: { config: { apiSecret?: string } } }[] };
  expect(bundle.items).toHaveLength(2);
  expect(bundle.items[0]!.body.config.apiSecret ?? '••••').toMatch(/^••••/);
  await page.getByRole('button', { name: 'Close export' }).click();

  // Import the same bundle: both are duplicates.
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('…or paste the bundle').fill(text);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-report')).toContainText('skipped 2 duplicates');
  // A bundle carrying a secret is refused as a whole, with the reason.
  const leaky = JSON.parse(text) as {
    items: { body: { config: Record<string, unknown>; n?: number } }[];
  };
  leaky.items[0]!.body.config.apiSecret = 'real-secret-value-123456';
  await page.getByLabel('…or paste the bundle').fill(JSON.stringify(leaky));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-report')).toContainText(
    'Import refused: nothing was written',
  );
  await expect(page.getByTestId('import-report')).toContainText('config.apiSecret');
  // Not a bundle at all: a clear error.
  await page.getByLabel('…or paste the bundle').fill('{"__proto__": {"x": 1}}');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'forbidden key "__proto__"' }),
  ).toBeVisible();
  await expectAccessible(page, 'snapshots import');
  await screenshotBothThemes(page, 'snapshots-import');
});
