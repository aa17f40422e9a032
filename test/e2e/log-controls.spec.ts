import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { expect, test } from './fixtures';

const ga4 = (page: Page) => page.getByRole('listbox', { name: 'GA4 live log entries' });

async function openLogs(page: Page) {
  await page.goto(`${new URL(page.url()).origin}/#/logs`);
  await expect(page.getByRole('heading', { name: 'Logs', level: 1 })).toBeVisible();
  await expect(ga4(page).locator('.log-row').first()).toBeVisible({ timeout: 20_000 });
}

test('the "N new · Jump to latest" pill stays visible at 900 px', async ({ opsPage: page }) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await openLogs(page);
  for (const name of ['Meta', 'Google Ads']) await page.getByRole('checkbox', { name }).check();
  const list = ga4(page);
  await expect
    .poll(async () => list.evaluate((el) => el.scrollHeight > el.clientHeight + 100), {
      timeout: 30_000,
    })
    .toBe(true);
  await expect
    .poll(async () => list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight))
    .toBeLessThan(30);
  await list.evaluate((el) => el.scrollTo({ top: 0 }));
  const pill = page.getByRole('button', { name: /new · Jump to latest/ }).first();
  await expect(pill).toBeVisible({ timeout: 20_000 });
  const box = (await pill.boundingBox())!;
  const wrap = (await list.boundingBox())!;
  // Wholly inside its list, and inside the window.
  expect(box.x).toBeGreaterThanOrEqual(wrap.x);
  expect(box.x + box.width).toBeLessThanOrEqual(wrap.x + wrap.width + 0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(900);
  await screenshotBothThemes(page, 'logs-900px');
});

test('regex include and exclude with inline errors, highlights, marks, copy as JSON, / and space, resizable columns', async ({
  opsPage: page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLogs(page);
  const view = page.getByRole('region', { name: 'GA4 live log' });
  const list = ga4(page);
  const events = () => list.locator('.log-row:not(.log-gap) .c-event').allInnerTexts();

  // `/` focuses the search; space (outside buttons and fields) pauses and resumes.
  await page.getByRole('heading', { name: 'Logs', level: 1 }).click();
  await page.keyboard.press('/');
  await expect(view.getByLabel('Search')).toBeFocused();
  await list.focus();
  await page.keyboard.press(' ');
  await expect(view.getByRole('button', { name: /^Resume/ })).toBeVisible();
  await page.keyboard.press(' ');
  await expect(view.getByRole('button', { name: 'Pause' })).toBeVisible();

  // Include / exclude over the whole line.
  const include = view.getByLabel('Include (regex)');
  const exclude = view.getByLabel('Exclude (regex)');
  await include.fill('page_view|product_view');
  await exclude.fill('product_view');
  await expect
    .poll(async () => new Set((await events()).map((e) => e.split(' ')[0])))
    .toEqual(new Set(['page_view']));
  // A bad pattern is said so under its field, and not applied.
  await include.fill('page_view(');
  await expect(
    view.getByRole('alert').filter({ hasText: 'Not a valid regular expression' }),
  ).toBeVisible();
  await expect(include).toHaveAttribute('aria-invalid', 'true');
  await exclude.fill('(a+)+$');
  await expect(view.getByRole('alert').filter({ hasText: 'Nested quantifiers' })).toBeVisible();
  await expect
    .poll(async () => (await events()).some((e) => !e.startsWith('page_view')))
    .toBe(true);
  await include.fill('');
  await exclude.fill('');

  // Highlights: each term its colour; at most five; a bad one reported.
  const hl = view.getByRole('textbox', { name: /^Highlight/ });
  for (const term of ['page_view', 'view_item', '(']) {
    await hl.fill(term);
    await hl.press('Enter');
  }
  await expect(list.locator('mark.hl-0', { hasText: 'page_view' }).first()).toBeVisible();
  await expect(list.locator('mark.hl-1', { hasText: 'view_item' }).first()).toBeVisible();
  await expect(
    view.getByRole('alert').filter({ hasText: 'valid regular expression' }),
  ).toBeVisible();
  for (const term of ['purchase', 'login']) {
    await hl.fill(term);
    await hl.press('Enter');
  }
  await expect(view.getByText('Highlight (5/5)')).toBeVisible();
  await expect(hl).toBeDisabled();
  await view.getByRole('button', { name: 'Remove highlight (' }).click();
  await expect(hl).toBeEnabled();

  // Marks: m marks the selected line, ] and [ move between marks.
  await view.getByRole('button', { name: 'Pause' }).click();
  await list.locator('.log-row').nth(2).click();
  await page.keyboard.press('m');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('m');
  await expect(view.getByText('2 marks')).toBeVisible();
  const selected = list.locator('.log-row[aria-selected="true"]');
  await page.keyboard.press('Home');
  await page.keyboard.press(']');
  await expect(selected).toHaveClass(/marked/);
  const first = await selected.getAttribute('data-seq');
  await page.keyboard.press(']');
  await expect(selected).toHaveClass(/marked/);
  expect(await selected.getAttribute('data-seq')).not.toBe(first);
  await page.keyboard.press('[');
  await expect(selected).toHaveAttribute('data-seq', first!);
  await view.getByRole('button', { name: 'Next mark' }).click();
  await expect(selected).not.toHaveAttribute('data-seq', first!);

  // c copies the selected line as JSON.
  await list.focus();
  await page.keyboard.press('c');
  await expect(view.getByText('Copied the line as JSON.').first()).toBeVisible();
  const json = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as Record<
    string,
    unknown
  >;
  expect(json.stream).toBe('GA4');
  expect(String(json.eventId)).toMatch(/^evt_/);
  expect(json.timestamp).toBe(await selected.getAttribute('data-ts'));

  // Columns resize with the keyboard (and by dragging the same handle).
  const grip = view.getByRole('separator', { name: 'Resize the Event column' });
  const before = Number(await grip.getAttribute('aria-valuenow'));
  const cell = list.locator('.log-row .c-event').first();
  const w0 = (await cell.boundingBox())!.width;
  await grip.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(grip).toHaveAttribute('aria-valuenow', String(before + 4));
  await expect.poll(async () => (await cell.boundingBox())!.width).toBeGreaterThan(w0 + 20);
  const box = (await grip.boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - 60, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect
    .poll(async () => Number(await grip.getAttribute('aria-valuenow')))
    .toBeLessThan(before + 4);

  await expectAccessible(page, 'Logs (tail controls)');
  await screenshotBothThemes(page, 'logs-controls');
});

test('jump to the last N minutes pages back and says where it stopped; the chart has no backfill spike', async ({
  opsPage: page,
}) => {
  await openLogs(page);
  const view = page.getByRole('region', { name: 'GA4 live log' });
  // 200 lines of backfill at 5 events/s span 40 s: spread over buckets by their own times.
  const peak = async () =>
    Number(/peak (\d+)/.exec(await view.locator('.log-chart figcaption').innerText())![1]);
  await expect
    .poll(async () => view.locator('.log-counts .muted').innerText())
    .toMatch(/of 2\d\d kept/);
  expect(await peak()).toBeLessThan(100);

  await view.getByLabel('Jump to the last').selectOption('1');
  const jumped = view.getByRole('status').filter({ hasText: 'Jumped to the last 1 min' });
  await expect(jumped).toBeVisible({ timeout: 20_000 });
  await expect(jumped).toContainText(
    /GA4: [\d,]+ older lines loaded back to \d\d:\d\d:\d\d UTC(?:[+-]\d\d:\d\d)?; reached the time bound\./,
  );
  // The first line shown is from about a minute ago, and following stopped there.
  await expect(page.getByRole('button', { name: /Jump to latest/ })).toBeVisible();
  const top = await ga4(page).locator('.log-row').first().getAttribute('data-ts');
  const age = Date.now() - Date.parse(top!);
  expect(age).toBeGreaterThan(50_000);
  expect(age).toBeLessThan(120_000);

  // Further back than the sandbox keeps: the API's end is where it stops.
  await view.getByLabel('Jump to the last').selectOption('60');
  await expect(
    view.getByRole('status').filter({ hasText: 'Jumped to the last 60 min' }),
  ).toContainText('the API keeps no older entries', { timeout: 20_000 });
  expect(await peak()).toBeLessThan(100);
});

test.describe('timestamps in local time', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });
  test('log times are local by default and UTC when the setting says so', async ({
    opsPage: page,
  }) => {
    await openLogs(page);
    const row = ga4(page).locator('.log-row').first();
    const shown = async () => {
      const ts = (await row.getAttribute('data-ts'))!;
      return { ts, text: await row.locator('.c-time').innerText() };
    };
    await expect(page.getByText('Time (UTC+09:00)').first()).toBeVisible();
    const local = await shown();
    const d = new Date(Date.parse(local.ts) + 9 * 3600_000);
    expect(local.text).toBe(d.toISOString().slice(11, 23));
    await page.goto(`${new URL(page.url()).origin}/#/settings`);
    await page.getByLabel('Times in logs and traces').selectOption('utc');
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await openLogs(page);
    await expect(page.getByText('Time (UTC)').first()).toBeVisible();
    const utc = await shown();
    expect(utc.text).toBe(utc.ts.slice(11, 23));
  });
});

test.describe('at 20 events per second', () => {
  test.use({ opsArgs: ['--sandbox-rate', '20'] });
  test('the merged view stays in timestamp order over 2,000 lines from four streams', async ({
    opsPage: page,
  }) => {
    test.setTimeout(150_000);
    await openLogs(page);
    for (const name of ['Meta', 'Google Ads', 'Orders to ERP'])
      await page.getByRole('checkbox', { name }).check();
    await page.getByRole('radio', { name: 'Merged' }).check();
    const merged = page.getByRole('region', { name: 'Merged live log' });
    const kept = async () =>
      Number(
        /of ([\d,]+) kept/
          .exec(await merged.locator('.log-counts .muted').innerText())![1]!
          .replace(/,/g, ''),
      );
    await expect.poll(kept, { timeout: 120_000, intervals: [1000] }).toBeGreaterThanOrEqual(2000);
    await merged.getByRole('button', { name: 'Pause' }).click();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      merged.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    const lines = readFileSync(await file.path(), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { stream: string; timestamp: string });
    expect(lines.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(lines.map((l) => l.stream)).size).toBe(4);
    const times = lines.map((l) => Date.parse(l.timestamp));
    const outOfOrder = times.filter((t, i) => i > 0 && t < times[i - 1]!).length;
    expect(outOfOrder).toBe(0);
  });
});
