import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { bridge, changeThroughRunbook, site as target } from './bridge-helpers';
import { expect, test } from './fixtures';

const list = (page: Page) => page.getByRole('listbox', { name: 'GA4 live log entries' });
const rows = (page: Page) => list(page).locator('.log-row');

async function openLogs(page: Page) {
  await page.goto(`${new URL(page.url()).origin}/#/logs`);
  await expect(page.getByRole('heading', { name: 'Logs', level: 1 })).toBeVisible();
  await expect(rows(page).first()).toBeVisible({ timeout: 20_000 });
}

test('an entry containing <script> is shown as text, never run', async ({ opsPage: page }) => {
  await page.waitForLoadState('networkidle');
  const evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
  // Set up through the runbook (a change), as any configuration edit must be.
  await changeThroughRunbook(page, 'ga4', (live) => ({
    ...live,
    eventFilters: {
      page_view: {
        enabled: true,
        conditions: [{ field: 'page.path', operator: 'eq', value: evil }],
      },
    },
  }));
  await openLogs(page);
  const evilRow = list(page)
    .locator('.log-row.st-filtered', { hasText: '<script>window.__pwned=1</script>' })
    .first();
  await expect(evilRow).toBeVisible({ timeout: 20_000 });
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  expect(await list(page).locator('script, img').count()).toBe(0);
  await evilRow.click();
  await expect(page.getByRole('complementary', { name: 'Entry detail' })).toContainText(
    '<script>window.__pwned=1</script>',
  );
});

test('follow, pause on scroll up, "N new", jump back; pause / resume / clear', async ({
  opsPage: page,
}) => {
  await openLogs(page);
  const scroller = list(page);
  // Wait until there is something to scroll, then scroll up: following pauses.
  await expect
    .poll(async () => scroller.evaluate((el) => el.scrollHeight > el.clientHeight + 100), {
      timeout: 30_000,
    })
    .toBe(true);
  await expect
    .poll(async () => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
    .toBeLessThan(30);
  await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
  const jump = page.getByRole('button', { name: /new · Jump to latest/ });
  await expect(jump).toBeVisible({ timeout: 20_000 });
  await expect(scroller).toHaveJSProperty('scrollTop', 0);
  await jump.click();
  await expect(jump).toBeHidden();
  await expect
    .poll(async () => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
    .toBeLessThan(30);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: /Resume \(\d+ held\)/ })).toBeVisible({
    timeout: 20_000,
  });
  const kept = await page.locator('.log-counts .muted').innerText();
  await page.getByRole('button', { name: /Resume/ }).click();
  await expect(page.locator('.log-counts .muted')).not.toHaveText(kept);
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.locator('.log-counts .muted')).toContainText(/^\d+ shown of \d+ kept/);
  await expect
    .poll(async () =>
      Number(
        /of ([\d,]+) kept/
          .exec(await page.locator('.log-counts .muted').innerText())![1]!
          .replace(/,/g, ''),
      ),
    )
    .toBeLessThan(50);
});

test('filters by status, event, HTTP status, free text; failed deliveries grouped by code', async ({
  opsPage: page,
}) => {
  await page.waitForLoadState('networkidle');
  const t = await target(page);
  const started = await bridge(page, 'drills.start', { ...t, scenario: 'provider_outage' });
  expect(started.ok, JSON.stringify(started.error)).toBe(true);
  await openLogs(page);
  const statusCells = () => list(page).locator('.log-row:not(.log-gap) .c-status').allInnerTexts();

  await page.getByRole('checkbox', { name: 'sent' }).check();
  await expect.poll(async () => (await statusCells()).length).toBeGreaterThan(0);
  expect(new Set(await statusCells())).toEqual(new Set(['sent']));
  await page.getByRole('checkbox', { name: 'sent' }).uncheck();

  await page.getByLabel('Event', { exact: true }).fill('purchase');
  await expect
    .poll(
      async () =>
        new Set(await list(page).locator('.log-row:not(.log-gap) .c-event').allInnerTexts()),
    )
    .toEqual(new Set(['purchase']));
  await page.getByLabel('Event', { exact: true }).fill('');

  await page.getByLabel('HTTP status').selectOption('5xx');
  await expect
    .poll(
      async () =>
        (await list(page).locator('.log-row:not(.log-gap) .c-http').allInnerTexts()).length,
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  for (const h of await list(page).locator('.log-row:not(.log-gap) .c-http').allInnerTexts())
    expect(Number(h)).toBeGreaterThanOrEqual(500);
  await page.getByLabel('HTTP status').selectOption('');

  const firstId = await list(page)
    .locator('.log-row:not(.log-gap)')
    .last()
    .getAttribute('data-seq');
  expect(firstId).not.toBeNull();
  await page.getByLabel('Search').fill('add_to_cart');
  await expect
    .poll(async () => {
      const texts = await list(page).locator('.log-row:not(.log-gap)').allInnerTexts();
      return texts.length > 0 && texts.every((x) => x.toLowerCase().includes('add_to_cart'));
    })
    .toBe(true);
  await page.getByLabel('Search').fill('');

  await page.getByRole('button', { name: 'Failed deliveries' }).click();
  const table = page.getByRole('table', { name: 'Failed deliveries by error code' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  const code = (await table.getByRole('button').first().innerText()).trim();
  await table.getByRole('button', { name: code }).click();
  await expect.poll(async () => new Set(await statusCells())).toEqual(new Set(['failed']));
  for (const d of await list(page).locator('.log-row:not(.log-gap) .c-detail').allInnerTexts())
    expect(d.startsWith(`${code}:`)).toBe(true);
  await bridge(page, 'drills.clear', t);
});

test('exports filtered and retained lines to NDJSON and CSV', async ({ opsPage: page }) => {
  await openLogs(page);
  await page.getByRole('button', { name: 'Pause' }).click(); // a stable buffer to compare against
  const shown = Number(
    /^([\d,]+) shown/
      .exec(await page.locator('.log-counts .muted').innerText())![1]!
      .replace(/,/g, ''),
  );

  const [nd] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  expect(nd.suggestedFilename()).toMatch(/^ga4-filtered-.*\.ndjson$/);
  const lines = readFileSync(await nd.path(), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: number; status: string; stream: string });
  expect(lines.length).toBe(shown);
  expect(lines.every((l) => l.stream === 'GA4' && typeof l.id === 'number')).toBe(true);
  const ids = lines.map((l) => l.id);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));

  await page.getByLabel('Lines to export').selectOption('retained');
  await page.getByLabel('File format').selectOption('csv');
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const text = readFileSync(await csv.path(), 'utf8');
  const csvLines = text.trim().split('\r\n');
  expect(csvLines[0]).toBe(
    'stream,id,timestamp,event,status,httpStatus,attempt,durationMs,errorCode,errorMessage,reason,payload',
  );
  expect(csvLines.length - 1).toBeGreaterThanOrEqual(shown);
  expect(csvLines[1]).toMatch(/^GA4,\d+,\d{4}-/);
});

test('Logs screen: several tails side by side and merged; accessible in both themes', async ({
  opsPage: page,
}) => {
  await openLogs(page);
  await page.getByRole('checkbox', { name: 'Meta' }).check();
  await expect(
    page.getByRole('listbox', { name: 'Meta live log entries' }).locator('.log-row').first(),
  ).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page, 'Logs (side by side)');
  await screenshotBothThemes(page, 'logs-side');
  await page.getByRole('radio', { name: 'Merged' }).check();
  const merged = page.getByRole('listbox', { name: 'Merged live log entries' });
  await expect(merged.locator('.c-stream', { hasText: 'Meta' }).first()).toBeVisible({
    timeout: 20_000,
  });
  await expect(merged.locator('.c-stream', { hasText: 'GA4' }).first()).toBeVisible({
    timeout: 20_000,
  });
  await merged.locator('.log-row').first().click();
  await expectAccessible(page, 'Logs (merged, detail open)');
  await screenshotBothThemes(page, 'logs-merged');
});
