import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { bridge } from './bridge-helpers';
import { expect, test } from './fixtures';

test.use({ opsArgs: ['--sandbox-sites', '12'] });

const grid = (page: Page) => page.getByRole('grid', { name: 'Fleet sites' });

test('Fleet screen: every site with its health and ages, filters, search, keyboard, axe, both themes', async ({
  opsPage: page,
}) => {
  test.setTimeout(90_000);
  await page.goto(new URL('/#/fleet', page.url()).toString());
  await expect(page.getByText(/14 of 14 sites read/)).toBeVisible({ timeout: 30_000 });
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '15');
  // Fleet site 3 (Dune Coffee) carries an invalid Meta token: the Failing filter finds it.
  const failing = page.getByRole('button', { name: /^Failing \d+$/ });
  await expect(failing).not.toHaveText('Failing 0', { timeout: 30_000 });
  await failing.click();
  await expect(failing).toHaveAttribute('aria-pressed', 'true');
  await expect(grid(page).getByRole('row', { name: /Dune Coffee/ })).toBeVisible();
  const shown = await grid(page).locator('[role=rowgroup].fleet-body [role=row]').count();
  await expect(page.getByText(new RegExp(`Showing ${shown} of 14 sites`))).toBeVisible();
  for (const row of await grid(page).locator('.fleet-body [role=row]').all())
    await expect(row.getByRole('gridcell').nth(2)).toContainText(/failing|error/);
  await failing.click();

  await page.getByLabel('Search').fill('lumen');
  await expect(page.getByText('Showing 1 of 14 sites')).toBeVisible();
  await expect(grid(page).getByRole('row', { name: /Lumen Coffee/ })).toBeVisible();
  await page.getByLabel('Search').fill('');
  await page.getByLabel('Sort').selectOption('label');

  // Keyboard: the grid is one tab stop; arrows move, Space selects, Enter opens the site.
  await grid(page).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const active = await grid(page).getAttribute('aria-activedescendant');
  const label = await page.locator(`#${active} .fleet-site a`).innerText();
  await page.keyboard.press('Space');
  await expect(page.getByRole('region', { name: 'Selected sites' })).toContainText('1 selected');
  await expect(page.locator(`#${active}`)).toHaveAttribute('aria-selected', 'true');
  await expectAccessible(page, 'Fleet');
  await screenshotBothThemes(page, 'fleet');

  const tabs = page.getByRole('navigation', { name: 'Fleet' });
  await tabs.getByRole('link', { name: 'Checklist' }).click();
  await expect(page.getByRole('table', { name: /Checklist per site/ })).toBeVisible();
  await expectAccessible(page, 'Fleet checklist');
  for (const [button, header] of [
    ['Export CSV', 'site,site id,connection,provider,snapshots'],
    ['Export Markdown', '# Fleet production checklist'],
  ] as const) {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button }).click(),
    ]);
    const text = readFileSync(await file.path(), 'utf8');
    expect(text.startsWith(header), button).toBe(true);
    expect(text).toContain('Dune Coffee');
  }
  await screenshotBothThemes(page, 'fleet-checklist');
  await tabs.getByRole('link', { name: 'Add sites' }).click();
  await expectAccessible(page, 'Add sites');

  await tabs.getByRole('link', { name: 'Sites', exact: true }).click();
  await page.getByLabel('Sort').selectOption('label');
  await grid(page).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/overview$/);
  expect(label.length).toBeGreaterThan(0);

  // Offline: the API becomes unreachable; cells keep their last-known values, marked as such.
  await bridge(page, 'connections.save', {
    id: 'sandbox',
    name: 'Sandbox',
    baseUrl: 'http://127.0.0.1:9/api/v1',
    token: 'unreachable-token-0123',
  });
  await page.goto(new URL('/#/fleet', page.url()).toString());
  await expect(page.getByText(/API unreachable: cells show their offline copies/)).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    grid(page)
      .getByText(/ago · cached/)
      .first(),
  ).toBeVisible();
  await screenshotBothThemes(page, 'fleet-offline');
});
