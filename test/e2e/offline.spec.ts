import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { freePort, startApi, STANDALONE_TOKEN as TOKEN, stopApi as stop } from './standalone-api';

test('the API goes away mid-session: cached data with a stale banner and its age; it clears when the API returns', async ({
  opsPage: page,
  ops,
}) => {
  test.setTimeout(90_000);
  const port = await freePort();
  const apiData = mkdtempSync(join(tmpdir(), 'ops-remote-api-'));
  let api = await startApi(port, apiData);
  try {
    await page.goto(`${ops.origin}/#/connections`);
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.getByRole('form', { name: 'Add a connection' });
    await form.getByLabel('Name').fill('Remote API');
    await form.getByLabel('Base URL').fill(`http://127.0.0.1:${port}/api/v1`);
    await form.getByLabel('Token').fill(TOKEN);
    await form.getByRole('radio', { name: 'Staging' }).check();
    await form.getByRole('button', { name: 'Save connection' }).click();
    // Saved (and the form closed) before the next form opens: clicking earlier races the close.
    await expect(page.getByRole('article', { name: 'Connection Remote API' })).toBeVisible();
    await page.getByRole('button', { name: 'Add site' }).click();
    const siteForm = page.getByRole('form', { name: 'Add a site' });
    await siteForm.getByLabel('Connection').selectOption({ label: 'Remote API' });
    await siteForm.getByLabel('Label').fill('Remote shop');
    await siteForm.getByLabel('Site id').fill(api.siteId);
    await siteForm.getByRole('button', { name: 'Save site' }).click();

    await page.goto(`${ops.origin}/#/overview`);
    await expect(page.getByRole('heading', { name: /Overview · Remote shop/ })).toBeVisible();
    await expect(page.getByTestId('provider-ga4')).toBeVisible();
    const banner = page.getByTestId('offline-banner');
    await expect(banner).toBeHidden();

    // The API goes away; the next refresh serves the last-known state, marked stale, with its age.
    await stop(api.child);
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(banner).toBeVisible({ timeout: 20_000 });
    await expect(banner).toContainText('API unreachable');
    await expect(banner).toContainText(/Showing cached data from .+ago/);
    await expect(banner.getByRole('button', { name: 'Retry now' })).toBeVisible();
    await expect(page.getByTestId('provider-ga4')).toBeVisible();
    await expect(page.getByTestId('refreshed-at')).toContainText('cached');

    // It comes back on the same address: the banner clears on its own, no reload.
    api = await startApi(port, apiData);
    await expect(banner).toBeHidden({ timeout: 30_000 });
    await expect(page.getByTestId('refreshed-at')).not.toContainText('cached');
  } finally {
    await stop(api.child);
  }
});
