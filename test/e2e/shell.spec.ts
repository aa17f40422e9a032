import { expect, test } from './fixtures';
import { expectAccessible, screenshotBothThemes } from './a11y';

const CONNECTION_TOKEN = 'tok-e2e-NEVER-SHOWN-7f3a9c';
const SITE_ID = '0b9f6a52-6c1d-4e8a-9a1e-5d2c7b3f4e10';

test('shell: token exchange, connection and site, app info, reload, no token leaks', async ({
  opsPage: page,
  ops,
  browser,
}) => {
  const framesReceived: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => framesReceived.push(String(f.payload))),
  );

  // The launch token is traded for a cookie and stripped from the address bar.
  await expect(page).not.toHaveURL(/token=/);
  // Reload so the bridge socket opens after the frame listener is attached.
  await page.goto(`${ops.origin}/#/connections`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Connections and sites' })).toBeVisible();
  // The embedded sandbox is the default connection on first launch.
  await expect(page.getByRole('article', { name: 'Connection Sandbox' })).toBeVisible();

  await page.getByRole('button', { name: 'Add connection' }).click();
  const form = page.getByRole('form', { name: 'Add a connection' });
  await form.getByLabel('Name').fill('Staging');
  await form.getByLabel('Base URL').fill('not a url');
  await expect(form.getByText(/absolute http\(s\) URL/)).toBeVisible();
  await form.getByLabel('Base URL').fill('http://127.0.0.1:9/api/v1');
  await form.getByLabel('Token').fill(CONNECTION_TOKEN);
  // The environment is a required choice: nothing is preselected.
  await expect(form.getByRole('button', { name: 'Save connection' })).toBeDisabled();
  await form.getByRole('radio', { name: 'Staging' }).check();
  await form.getByRole('button', { name: 'Save connection' }).click();
  const staging = page.getByRole('article', { name: 'Connection Staging' });
  await expect(staging).toBeVisible();
  await expect(staging.getByText('stored')).toBeVisible();

  await page.getByRole('button', { name: 'Add site' }).click();
  const siteForm = page.getByRole('form', { name: 'Add a site' });
  await siteForm.getByLabel('Connection').selectOption({ label: 'Staging' });
  await siteForm.getByLabel('Label').fill('Shop EU');
  await siteForm.getByLabel('Site id').fill('not-a-uuid');
  await expect(siteForm.getByText(/a site id is a UUID/)).toBeVisible();
  await expect(siteForm.getByRole('button', { name: 'Save site' })).toBeDisabled();
  await siteForm.getByLabel('Site id').fill(SITE_ID);
  // A new site is checked against the API before it is saved: an unreachable API says what
  // failed, specifically, and nothing unchecked is saved.
  await siteForm.getByRole('button', { name: 'Save site' }).click();
  await expect(siteForm.getByRole('alert')).toContainText(
    /could not be checked against the API.*(127\.0\.0\.1:9|unreachable|refused|connect|ECONNREFUSED)/i,
  );
  await siteForm.getByRole('button', { name: 'Cancel' }).click();
  await expect(staging.getByRole('cell', { name: SITE_ID })).toHaveCount(0);

  await expectAccessible(page, 'connections');
  await screenshotBothThemes(page, 'shell-connections');

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings', exact: true })
    .click();
  const about = page.getByRole('article', { name: 'About this app' });
  await expect(about).toContainText('Browser mode');
  await expect(about).toContainText(ops.dataDir);
  await expectAccessible(page, 'settings');
  await screenshotBothThemes(page, 'shell-settings');

  // Reload keeps everything (it lives in main, not in the page).
  await page.reload();
  await page.goto(`${ops.origin}/#/connections`);
  await expect(page.getByRole('article', { name: 'Connection Staging' })).toBeVisible();
  await expect(page.getByRole('cell', { name: SITE_ID })).toHaveCount(0);

  // Neither token appears in anything the renderer received or kept.
  const storage = await page.evaluate(() =>
    JSON.stringify({ l: { ...localStorage }, s: { ...sessionStorage }, href: location.href }),
  );
  const dom = await page.content();
  for (const secret of [CONNECTION_TOKEN, ops.token]) {
    expect(framesReceived.join('\n')).not.toContain(secret);
    expect(dom).not.toContain(secret);
    expect(storage).not.toContain(secret);
  }
  expect(framesReceived.length).toBeGreaterThan(5);

  // A fresh browser context has no cookie: 401.
  const stranger = await browser.newContext();
  const res = await stranger.request.get(`${ops.origin}/`);
  expect(res.status()).toBe(401);
  await stranger.close();
});
