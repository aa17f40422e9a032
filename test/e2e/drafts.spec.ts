import type { Page } from '@playwright/test';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { applyChange, bridge, mapping, site, startChange } from './changes-helpers';
import { expect, test } from './fixtures';

const field = (page: Page) => mapping(page).getByLabel('Provider event for add_payment_info');

test('a draft never goes back in time: navigate away and back, reload, apply; the PUT carries the last edit', async ({
  opsPage: page,
}) => {
  test.setTimeout(120_000);
  const t = await site(page);
  const id = await startChange(page, 'ga4');
  const changeUrl = page.url();

  // An added row, saved.
  await mapping(page).getByRole('button', { name: 'Add row' }).click();
  await mapping(page)
    .getByLabel(/^Canonical event \d+$/)
    .last()
    .fill('add_payment_info');
  await field(page).fill('add_payment_info_v1');
  await expect(page.getByTestId('draft-status')).toContainText('Draft saved locally');

  // An edit, and away at once (inside the 400 ms autosave delay): it is flushed on unmount.
  await field(page).fill('add_payment_info_v2');
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Overview/ })).toBeVisible();
  await page.goto(changeUrl);
  await expect(field(page)).toHaveValue('add_payment_info_v2');

  // After a reload (nothing cached) the newest draft is still the one shown.
  await page.reload();
  await expect(field(page)).toHaveValue('add_payment_info_v2');
  const onDisk = await bridge<{ draft?: { body: { eventMapping: Record<string, string> } } }>(
    page,
    'changes.get',
    { changeId: id },
  );
  expect(onDisk.value?.draft?.body.eventMapping.add_payment_info).toBe('add_payment_info_v2');

  // A last edit and Apply straight away: Apply sends exactly what is on screen.
  await field(page).fill('add_payment_info_v3');
  await applyChange(page);
  await expect(page.locator('.step-current h3')).not.toHaveText('Config', { timeout: 30_000 });
  const live = await bridge<{ data: { eventMapping: Record<string, string> } }>(
    page,
    'integrations.get',
    { ...t, provider: 'ga4' },
  );
  expect(live.value?.data.eventMapping.add_payment_info).toBe('add_payment_info_v3');
});

test('Raw JSON shows a duplicate mapping row as an error; long values are capped and wrap', async ({
  opsPage: page,
}) => {
  test.setTimeout(90_000);
  await startChange(page, 'meta');
  // A second "purchase" row: the form flags it ...
  await mapping(page).getByRole('button', { name: 'Add row' }).click();
  await mapping(page)
    .getByLabel(/^Canonical event \d+$/)
    .last()
    .fill('purchase');
  await expect(page.getByText('"purchase" appears twice').first()).toBeVisible();
  // ... and the Raw JSON view shows both rows and the error, never one silently collapsed key.
  await page.getByRole('button', { name: 'Raw JSON' }).click();
  await expect(page.locator('.json-editor')).toContainText('"purchase"');
  await expect(
    page.getByText('"purchase" appears twice in this object; JSON keeps only the last one'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Apply change' })).toBeDisabled();
  // The diff does not pretend the row was "retargeted": it refuses to diff until it is fixed.
  await expect(page.getByRole('region', { name: /Diff against the baseline/ })).toContainText(
    'No diff while a key appears twice (purchase)',
  );
  await expect(page.getByText('(retargeted)')).toHaveCount(0);
  await expectAccessible(page, 'raw json with a duplicate key');
  await screenshotBothThemes(page, 'change-raw-json-duplicate');

  // A 200,000-character provider event name is cut at the input's maxlength and the page stays
  // as wide as the window.
  await page.getByRole('button', { name: 'Form' }).click();
  await mapping(page).getByRole('button', { name: 'Remove purchase' }).last().click();
  const longName = 'X'.repeat(200_000);
  const input = mapping(page).getByLabel('Provider event for add_to_cart');
  await input.fill(longName);
  await expect(input).toHaveValue('X'.repeat(100));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  const viewport = page.viewportSize()!.width;
  expect(width).toBeLessThanOrEqual(viewport);
  // Apply stays reachable: scrolled to, it is within the window's width.
  const apply = page.getByRole('button', { name: 'Apply change' });
  await apply.scrollIntoViewIfNeeded();
  await expect(apply).toBeInViewport();
  const box = (await apply.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(viewport);
  await screenshotBothThemes(page, 'change-long-value');
});
