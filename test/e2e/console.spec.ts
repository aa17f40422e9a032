import type { Page } from '@playwright/test';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { applyChange, editJson, puts, step } from './changes-helpers';
import { expect, test } from './fixtures';

async function sentCount(page: Page, provider: string): Promise<number> {
  const text = await page
    .getByTestId(`provider-${provider}`)
    .locator('[data-count="sent"]')
    .textContent();
  return Number(text);
}

test('overview shows every provider and webhook with live counts', async ({ opsPage: page }) => {
  await expect(page.getByRole('heading', { name: /Overview/ })).toBeVisible();
  for (const p of ['ga4', 'meta', 'gads'])
    await expect(page.getByTestId(`provider-${p}`)).toBeVisible();
  await expect(page.getByTestId(`provider-ga4`).locator('header .badge')).toHaveText('healthy');
  // Each card says whether the provider drifted from its known-good snapshot (none yet on a fresh site).
  await expect(page.getByTestId('provider-ga4').getByTestId('drift-badge')).toHaveText(
    'No known-good snapshot',
  );
  await expect(
    page.getByRole('table', { name: 'Webhook health' }).getByRole('row'),
  ).not.toHaveCount(1);
  await expect.poll(() => sentCount(page, 'ga4')).toBeGreaterThan(0);
  const before = await sentCount(page, 'ga4');
  // Counts grow: refresh with the `r` shortcut until the window count moves.
  await expect
    .poll(
      async () => {
        await page.locator('body').press('r');
        return sentCount(page, 'ga4');
      },
      { timeout: 20_000, intervals: [2000] },
    )
    .toBeGreaterThan(before);
  await expect(page.getByTestId('refreshed-at')).toContainText('Refreshed');
  await expectAccessible(page, 'overview');
  await screenshotBothThemes(page, 'overview');
});

test('edit the GA4 mapping through the form inside a change: diff, apply, test, and see it after reload', async ({
  opsPage: page,
}) => {
  test.setTimeout(90_000);
  await page.goto(page.url().replace(/#.*$/, '') + '#/providers/ga4');
  await expect(page.getByRole('heading', { name: 'Event mapping' })).toBeVisible();
  await expect(page.getByTestId('filter-sentences')).toContainText(
    'purchase is forwarded only when order.total ≥ 1',
  );
  await page.getByRole('button', { name: 'Run test' }).click();
  await expect(page.getByTestId('test-result')).toBeVisible();
  // The page carries the runbook's controls: rollback, drift and the live log; no direct edit.
  for (const name of ['Disable GA4', 'Enable test mode', 'Restore snapshot'])
    await expect(page.getByRole('button', { name })).toBeVisible();
  await expect(page.getByTestId('drift-badge')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit config' })).toHaveCount(0);
  await expectAccessible(page, 'provider page');
  await screenshotBothThemes(page, 'provider-ga4');

  await page.getByRole('button', { name: 'Start change' }).click();
  await expect(page).toHaveURL(/#\/changes\/chg-/);
  await expect(step(page, 'Baseline')).toContainText('snapshot v1');
  const target = page.getByRole('textbox', { name: 'Provider event for add_to_cart' });
  await expect(target).toBeVisible();
  await target.fill('add_to_basket_v2');
  await expect(page.getByTestId('diff')).toContainText(
    'Mapping add_to_cart: add_to_cart → add_to_basket_v2 (retargeted)',
  );
  await expect(page.getByTestId('draft-status')).toContainText('Draft saved locally');
  await expectAccessible(page, 'change config form');
  await screenshotBothThemes(page, 'editor-form');

  await page.getByRole('button', { name: 'Raw JSON' }).click();
  await expect(page.locator('.cm-content')).toContainText('add_to_basket_v2');
  await expectAccessible(page, 'change config JSON');
  await screenshotBothThemes(page, 'editor-json');
  await page.getByRole('button', { name: 'Form' }).click();

  await page.getByRole('button', { name: 'Preview impact' }).click();
  await expect(page.getByTestId('impact')).toBeVisible();
  await applyChange(page);
  await expect(step(page, 'Test').getByTestId('test-result')).toContainText('Test passed');
  await expect(step(page, 'Config').getByTestId('applied-summary')).toContainText(
    'add_to_basket_v2',
  );
  expect(await puts(page)).toBe(1);
  await page.goto(page.url().replace(/#.*$/, '') + '#/providers/ga4');
  await page.reload();
  await expect(page.getByTestId('map-add_to_cart')).toContainText('add_to_basket_v2');
});

test('an invalid measurement id shows a message and nothing is sent', async ({ opsPage: page }) => {
  // The old editor route lands on the provider page with "Start change" focused (no dead end).
  await page.goto(page.url().replace(/#.*$/, '') + '#/providers/ga4/edit');
  await expect(page.getByText('Config edits go through the change workflow')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start change' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/changes\/chg-/);
  const field = page.getByRole('textbox', { name: 'Measurement ID' });
  await field.fill('UA-12345-1');
  await expect(
    page.getByText('a GA4 measurement id looks like G-XXXXXXXXXX').first(),
  ).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Apply change' })).toBeDisabled();
  await screenshotBothThemes(page, 'editor-invalid');
  await page.getByRole('link', { name: 'Diagnostics' }).click();
  await expect(
    page.getByRole('table', { name: 'API calls' }).locator('tbody tr').first(),
  ).toBeVisible();
  await expect(page.locator('tr[data-method="PUT"]')).toHaveCount(0);
  await expectAccessible(page, 'diagnostics');
  await screenshotBothThemes(page, 'diagnostics');
});

test('data layer shows the defaults and changes through the workflow', async ({
  opsPage: page,
}) => {
  await page.goto(page.url().replace(/#.*$/, '') + '#/data-layer');
  await expect(page.getByTestId('data-layer-values')).toContainText('Default: selwiseLayer');
  await expectAccessible(page, 'data layer');
  await screenshotBothThemes(page, 'data-layer');
  await page.getByRole('button', { name: 'Start change' }).click();
  await expect(page).toHaveURL(/#\/changes\/chg-/);
  await editJson(page, (text) => text.replace(/"bufferSize":\s*\d+/, '"bufferSize": 25'));
  await expect(page.getByRole('button', { name: 'Apply change' })).toBeEnabled();
  await applyChange(page);
  await expect(step(page, 'Config').getByTestId('applied-summary')).toContainText('bufferSize');
  expect(await puts(page)).toBe(1);
  await page.getByRole('link', { name: 'Data layer' }).click();
  await page.reload();
  await expect(page.getByTestId('dl-bufferSize')).toContainText('25');
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

  // On the sandbox the palette starts and clears drills, and the frame's drill banner follows.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('start drill outage');
  await expect(palette.getByRole('option')).toHaveCount(1);
  await expect(palette.getByRole('option')).toContainText('Start drill: Provider outage');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('drill-indicator')).toContainText('provider_outage');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('clear all drills');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('drill-indicator')).toBeHidden();
});

test.describe('with a busier sandbox', () => {
  // More events per second so the last 500 log entries turn over in seconds, not minutes.
  test.use({ opsArgs: ['--sandbox-rate', '40'] });

  test('filter_suppression drill: purchase filtered share passes 90% while health stays green', async ({
    opsPage: page,
  }) => {
    test.setTimeout(240_000);
    await page.goto(page.url().replace(/#.*$/, '') + '#/drills');
    const row = page.getByTestId('drill-filter_suppression');
    await expect(row).toBeVisible();
    await expectAccessible(page, 'drills');
    await screenshotBothThemes(page, 'drills');
    await row.getByRole('button', { name: 'Start filter_suppression' }).click();
    await expect(page.getByTestId('drill-indicator')).toContainText(
      'Drill running on Demo store (sandbox): filter_suppression',
    );

    await page.getByRole('link', { name: 'Overview' }).click();
    const purchase = page.getByTestId('share-ga4').locator('[data-event="purchase"]');
    await expect
      .poll(
        async () => {
          await page.locator('body').press('r');
          return Number(
            (await purchase.getAttribute('data-percent', { timeout: 1000 }).catch(() => '0')) ?? 0,
          );
        },
        { timeout: 210_000, intervals: [2000] },
      )
      .toBeGreaterThan(90);
    await expect(page.getByTestId('provider-ga4').locator('header .badge')).toHaveText('healthy');
    await expect(page.getByTestId('share-ga4')).toHaveClass(/share-loud/);
    await expect(page.getByTestId('drill-indicator')).toBeVisible();
    await expectAccessible(page, 'overview during drill');
    await screenshotBothThemes(page, 'overview-drill');
  });
});
