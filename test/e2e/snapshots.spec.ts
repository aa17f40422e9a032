import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { expect, test } from './fixtures';

/** Calls the bridge from inside the signed-in page (same socket protocol as the renderer). */
async function bridge<T = unknown>(page: Page, call: string, input: unknown): Promise<{ ok: boolean; value?: T; error?: { message: string } }> {
  return page.evaluate(
    ([call, input]) =>
      new Promise((resolve) => {
        const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/bridge`);
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, call, input }));
        ws.onmessage = (m) => {
          const frame = JSON.parse(String(m.data)) as { id?: number; result?: unknown };
          if (frame.id === 1) {
            ws.close();
            resolve(frame.result as { ok: boolean });
          }
        };
      }),
    [call, input] as const,
  );
}

async function site(page: Page): Promise<{ connectionId: string; siteId: string }> {
  const sites = (await bridge<{ connectionId: string; siteId: string }[]>(page, 'sites.list', {})).value!;
  return { connectionId: sites[0]!.connectionId, siteId: sites[0]!.siteId };
}

type Entry = { id: number; event: string; status: string; timestamp: string };
async function purchasesSentSince(page: Page, t: { connectionId: string; siteId: string }, since: number): Promise<number> {
  const r = await bridge<{ data: { entries: Entry[] } }>(page, 'integrations.logs', { ...t, provider: 'meta', limit: 500, offset: 0 });
  return (r.value?.data.entries ?? []).filter((e) => e.event === 'purchase' && e.status === 'sent' && Date.parse(e.timestamp) > since).length;
}

const badge = (page: Page) => page.getByTestId('drift-badge');

test('restore a known-good version after mapping_overwrite: test runs, purchases flow again', async ({ opsPage: page }) => {
  test.setTimeout(120_000);
  page.on('dialog', (d) => void d.accept('verified in production'));
  const t = await site(page);
  await page.goto(`${new URL(page.url()).origin}/#/snapshots/meta`);
  await expect(page.getByRole('heading', { level: 1, name: /Snapshots · Meta/ })).toBeVisible();
  await expect(page.getByText('No snapshot yet')).toBeVisible();

  // Baseline, then mark it known-good.
  await page.getByLabel('Label for a new snapshot').fill('launch baseline');
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(page.getByTestId('snap-row-1')).toContainText('launch baseline');
  await page.getByRole('button', { name: 'Mark known-good v1' }).click();
  await expect(page.getByTestId('snap-row-1')).toContainText('known-good');
  await expect(badge(page)).toHaveText(/Matches known-good v1/);
  await expectAccessible(page, 'snapshots history');
  await screenshotBothThemes(page, 'snapshots-history');

  // Someone's tool overwrites the mapping: purchase and add_to_cart vanish.
  expect((await bridge(page, 'drills.start', { ...t, scenario: 'mapping_overwrite' })).ok).toBe(true);
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

  // Restore v1: the dialog shows what changes on live, then the automatic test result.
  await page.getByRole('button', { name: 'Restore v1', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore v1 to the live configuration' });
  await expect(dialog.getByRole('cell', { name: 'purchase', exact: true })).toBeVisible();
  await expectAccessible(page, 'restore dialog');
  await screenshotBothThemes(page, 'snapshots-restore-confirm');
  const restoredAt = Date.now();
  await dialog.getByRole('button', { name: 'Restore v1 and run the test' }).click();
  await expect(dialog.getByTestId('restore-result')).toContainText('Restored v1');
  await expect(dialog.getByTestId('test-result')).toContainText('Test passed');
  await screenshotBothThemes(page, 'snapshots-restore-done');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // History: v2 = the overwritten state (baseline before restore), v3 = rollback; drift cleared.
  await expect(page.getByTestId('snap-row-2')).toContainText('before restoring v1');
  await expect(page.getByTestId('snap-row-3')).toContainText('rollback');
  await expect(badge(page)).toHaveText(/Matches known-good v1/);

  // Purchases are mapped and sent again.
  await expect.poll(() => purchasesSentSince(page, t, restoredAt), { timeout: 60_000, intervals: [1000] }).toBeGreaterThan(0);
});

test('compare, export as a download, import reports duplicates and refusals', async ({ opsPage: page }) => {
  const t = await site(page);
  for (const label of ['first', 'second']) {
    if (label === 'second') {
      const live = await bridge<{ data: Record<string, unknown>; etag?: string }>(page, 'integrations.get', { ...t, provider: 'ga4' });
      await bridge(page, 'integrations.put', { ...t, provider: 'ga4', body: { ...live.value!.data, testMode: true }, ifMatch: live.value!.etag });
    }
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
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('snap-download').click()]);
  const text = readFileSync((await download.path()), 'utf8');
  const bundle = JSON.parse(text) as { items: { body: { config: { apiSecret?: string } } }[] };
  expect(bundle.items).toHaveLength(2);
  expect(bundle.items[0]!.body.config.apiSecret ?? '••••').toMatch(/^••••/);
  await page.getByRole('button', { name: 'Close export' }).click();

  // Import the same bundle: both are duplicates.
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('…or paste the bundle').fill(text);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-report')).toContainText('skipped 2 duplicate(s)');
  // A bundle carrying a secret is refused as a whole, with the reason.
  const leaky = JSON.parse(text) as { items: { body: { config: Record<string, unknown>; n?: number } }[] };
  leaky.items[0]!.body.config.apiSecret = 'real-secret-value-123456';
  await page.getByLabel('…or paste the bundle').fill(JSON.stringify(leaky));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-report')).toContainText('Import refused: nothing was written');
  await expect(page.getByTestId('import-report')).toContainText('config.apiSecret');
  // Not a bundle at all: a clear error.
  await page.getByLabel('…or paste the bundle').fill('{"__proto__": {"x": 1}}');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'forbidden key "__proto__"' })).toBeVisible();
  await expectAccessible(page, 'snapshots import');
  await screenshotBothThemes(page, 'snapshots-import');
});
