import type { Page } from '@playwright/test';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { expect, test } from './fixtures';

async function sentCount(page: Page, provider: string): Promise<number> {
  const text = await page.getByTestId(`provider-${provider}`).locator('[data-count="sent"]').textContent();
  return Number(text);
}

test('overview shows every provider and webhook with live counts', async ({ opsPage: page }) => {
  await expect(page.getByRole('heading', { name: /Overview/ })).toBeVisible();
  for (const p of ['ga4', 'meta', 'gads']) await expect(page.getByTestId(`provider-${p}`)).toBeVisible();
  await expect(page.getByTestId(`provider-ga4`).locator('.badge')).toHaveText('healthy');
  await expect(page.getByRole('table', { name: 'Webhook health' }).getByRole('row')).not.toHaveCount(1);
  await expect.poll(() => sentCount(page, 'ga4')).toBeGreaterThan(0);
  const before = await sentCount(page, 'ga4');
  // Counts grow: refresh with the `r` shortcut until the window count moves.
  await expect
    .poll(async () => {
      await page.locator('body').press('r');
      return sentCount(page, 'ga4');
    }, { timeout: 20_000, intervals: [2000] })
    .toBeGreaterThan(before);
  await expect(page.getByTestId('refreshed-at')).toContainText('Refreshed');
  await expectAccessible(page, 'overview');
  await screenshotBothThemes(page, 'overview');
});

test('edit the GA4 mapping through the form, review the diff, save, and see it after reload', async ({ opsPage: page }) => {
  await page.goto(page.url().replace(/#.*$/, '') + '#/providers/ga4');
  await expect(page.getByRole('heading', { name: 'Event mapping' })).toBeVisible();
  await expect(page.getByTestId('filter-sentences')).toContainText('purchase is forwarded only when order.total ≥ 1');
  await page.getByRole('button', { name: 'Run test' }).click();
  await expect(page.getByTestId('test-result')).toBeVisible();
  await expectAccessible(page, 'provider page');
  await screenshotBothThemes(page, 'provider-ga4');

  await page.getByRole('link', { name: 'Edit config' }).click();
  const target = page.getByRole('textbox', { name: 'Provider event for add_to_cart' });
  await expect(target).toBeVisible();
  await target.fill('add_to_basket_v2');
  await expect(page.getByTestId('diff')).toContainText('Mapping add_to_cart: add_to_cart → add_to_basket_v2 (retargeted)');
  await expectAccessible(page, 'config editor');
  await screenshotBothThemes(page, 'editor-form');

  await page.getByRole('button', { name: 'Raw JSON' }).click();
  await expect(page.locator('.cm-content')).toContainText('add_to_basket_v2');
  await expectAccessible(page, 'config editor JSON');
  await screenshotBothThemes(page, 'editor-json');
  await page.getByRole('button', { name: 'Form' }).click();

  await page.getByRole('button', { name: 'Review and save' }).click();
  const dialog = page.getByRole('dialog', { name: /Save 1 change/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('diff')).toContainText('add_to_basket_v2');
  await expectAccessible(page, 'save dialog');
  await screenshotBothThemes(page, 'editor-save-dialog');
  await dialog.getByRole('button', { name: 'Save to the live config' }).click();
  await expect(page).toHaveURL(/#\/providers\/ga4$/);
  await page.reload();
  await expect(page.getByTestId('map-add_to_cart')).toContainText('add_to_basket_v2');
});

test('an invalid measurement id shows a message and nothing is sent', async ({ opsPage: page }) => {
  await page.goto(page.url().replace(/#.*$/, '') + '#/providers/ga4/edit');
  const field = page.getByRole('textbox', { name: 'Measurement ID' });
  await field.fill('UA-12345-1');
  await expect(page.getByText('a GA4 measurement id looks like G-XXXXXXXXXX').first()).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Review and save' })).toBeDisabled();
  await screenshotBothThemes(page, 'editor-invalid');
  await page.getByRole('link', { name: 'Diagnostics' }).click();
  await expect(page.getByRole('table', { name: 'API calls' }).locator('tbody tr').first()).toBeVisible();
  await expect(page.locator('tr[data-method="PUT"]')).toHaveCount(0);
  await expectAccessible(page, 'diagnostics');
  await screenshotBothThemes(page, 'diagnostics');
});

test('webhooks: create, edit, test, delete', async ({ opsPage: page }) => {
  await page.goto(page.url().replace(/#.*$/, '') + '#/webhooks');
  await expect(page.getByRole('heading', { name: /Webhooks/ })).toBeVisible();
  // The sandbox delivers only to loopback: reuse its built-in receiver, as the seeded hooks do.
  const seededUrl = (await page.getByRole('table', { name: 'Webhooks' }).locator('tbody tr code').first().textContent())!;
  const receiverUrl = seededUrl.replace(/[^/]+$/, 'e2e-hook');
  await page.getByRole('button', { name: 'New webhook' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('E2E hook');
  await page.getByRole('textbox', { name: 'URL' }).fill(receiverUrl);
  await page.getByRole('textbox', { name: 'Events' }).fill('purchase, add_to_cart');
  await page.getByLabel('Authentication').selectOption('bearer');
  // Validated as typed: the bearer token is missing, so nothing can be sent yet.
  await expect(page.getByText('authType "bearer" needs authConfig.token')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create webhook' })).toBeDisabled();
  await page.getByLabel('token (secret)').fill('s3cret-token-value-1234');
  await expectAccessible(page, 'webhook form');
  await screenshotBothThemes(page, 'webhook-form');
  await page.getByRole('button', { name: 'Create webhook' }).click();
  const row = page.getByTestId('webhook-row-E2E hook');
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: 'Edit E2E hook' }).click();
  await expect(page.getByLabel('token (secret)')).toHaveValue('');
  await page.getByRole('textbox', { name: 'Name' }).fill('E2E hook renamed');
  await page.getByRole('button', { name: 'Save webhook' }).click();
  const renamed = page.getByTestId('webhook-row-E2E hook renamed');
  await expect(renamed).toBeVisible();

  await renamed.getByRole('button', { name: 'Test E2E hook renamed' }).click();
  await expect(page.getByTestId('test-result')).toBeVisible();
  await expectAccessible(page, 'webhooks');
  await screenshotBothThemes(page, 'webhooks');

  await renamed.getByRole('button', { name: 'Delete E2E hook renamed' }).click();
  const dialog = page.getByRole('dialog', { name: /Delete the webhook/ });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'delete dialog');
  await dialog.getByRole('button', { name: 'Delete webhook' }).click();
  await expect(page.getByTestId('webhook-row-E2E hook renamed')).toHaveCount(0);
});

test('data layer shows the defaults and saves an edit', async ({ opsPage: page }) => {
  await page.goto(page.url().replace(/#.*$/, '') + '#/data-layer');
  const buffer = page.getByRole('spinbutton', { name: 'Buffer size (events)' });
  await expect(buffer).toBeVisible();
  await expect(page.getByTestId('data-layer-form')).toContainText('Default: selwiseLayer');
  await buffer.fill('25');
  await page.getByRole('button', { name: 'Review and save' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Data-layer settings saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('spinbutton', { name: 'Buffer size (events)' })).toHaveValue('25');
  await expectAccessible(page, 'data layer');
  await screenshotBothThemes(page, 'data-layer');
});

test('command palette and shortcuts navigate by keyboard', async ({ opsPage: page }) => {
  await expect(page.getByRole('heading', { name: /Overview/ })).toBeVisible();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await page.keyboard.type('meta');
  await expectAccessible(page, 'command palette');
  await screenshotBothThemes(page, 'command-palette');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/providers\/meta$/);
  await page.locator('body').press('g');
  await page.locator('body').press('w');
  await expect(page).toHaveURL(/#\/webhooks$/);
  await page.locator('body').press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
});

test('filter_suppression drill: purchase filtered share passes 90% while health stays green', async ({ opsPage: page }) => {
  test.setTimeout(240_000);
  await page.goto(page.url().replace(/#.*$/, '') + '#/drills');
  const row = page.getByTestId('drill-filter_suppression');
  await expect(row).toBeVisible();
  await expectAccessible(page, 'drills');
  await screenshotBothThemes(page, 'drills');
  await row.getByRole('button', { name: 'Start filter_suppression' }).click();
  await expect(page.getByTestId('drill-indicator')).toContainText('Drill running: filter_suppression');

  await page.getByRole('link', { name: 'Overview' }).click();
  const purchase = page.getByTestId('share-ga4').locator('[data-event="purchase"]');
  await expect
    .poll(async () => {
      await page.locator('body').press('r');
      return Number((await purchase.getAttribute('data-percent', { timeout: 1000 }).catch(() => '0')) ?? 0);
    }, { timeout: 210_000, intervals: [5000] })
    .toBeGreaterThan(90);
  await expect(page.getByTestId('provider-ga4').locator('.badge')).toHaveText('healthy');
  await expect(page.getByTestId('share-ga4')).toHaveClass(/share-loud/);
  await expect(page.getByTestId('drill-indicator')).toBeVisible();
  await expectAccessible(page, 'overview during drill');
  await screenshotBothThemes(page, 'overview-drill');
});
