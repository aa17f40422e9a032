import {
  bridge,
  mapProductImpression,
  mapping,
  puts,
  shortCycle,
  site,
  startChange,
  step,
  applyChange,
} from './changes-helpers';
import { expect, test } from './fixtures';

// Widens the gap between the PUT and the automatic test (a NODE_ENV=test seam in main/core/changes),
// so the reload below lands between them. Only browser-mode processes started by this file see it.
process.env.OPS_CHANGES_PAUSE_BEFORE_TEST_MS = '3000';

test('one provider at a time; a reload between PUT and test applies nothing twice; resume in the middle of Monitor', async ({
  opsPage: page,
}) => {
  test.setTimeout(150_000);
  await shortCycle(page, 'ga4', 0.5);
  const id = await startChange(page, 'ga4');

  // The lock: a second change on the same site is refused, naming the open one with a link.
  await page.goto(new URL('/#/changes', page.url()).toString());
  await page.getByLabel('Target', { exact: true }).selectOption('meta');
  await page.getByRole('button', { name: 'Start change' }).click();
  await expect(page.getByText('One provider at a time', { exact: true })).toBeVisible();
  await expect(
    page.getByText(new RegExp(`Another change is open on this site: .*${id}`)),
  ).toBeVisible();
  await page.getByRole('link', { name: `Open change ${id}` }).click();

  await mapProductImpression(page);
  await applyChange(page);
  await expect(step(page, 'Test')).toContainText('The mandatory provider test is running');
  await page.reload(); // between the PUT and the test
  await expect(step(page, 'Test').getByTestId('test-result')).toContainText('Test passed', {
    timeout: 20_000,
  });
  expect(await puts(page)).toBe(1);

  await page.getByRole('button', { name: 'Check health' }).click();
  await page.getByRole('button', { name: 'Start monitoring' }).click();
  await expect(page.getByTestId('monitor-status')).toContainText('Monitoring until');
  await page.reload(); // in the middle of Monitor: main kept monitoring
  await expect(page.locator('.step-current h3')).toHaveText('Monitor');
  await expect(page.getByTestId('monitor-status')).toContainText('Monitoring until');
  await expect(page.getByTestId('monitor-status')).toContainText('Monitoring complete', {
    timeout: 60_000,
  });
  await expect(page.getByRole('button', { name: 'Mark known-good' })).toBeVisible();
  expect(await puts(page)).toBe(1);
});

test('resume after a restart of the app in the middle of Monitor', async ({
  opsPage: page,
  ops,
}) => {
  test.setTimeout(120_000);
  await shortCycle(page, 'ga4', 0.4);
  const id = await startChange(page, 'ga4');
  await mapProductImpression(page);
  await applyChange(page);
  await expect(step(page, 'Test').getByTestId('test-result')).toContainText('Test passed', {
    timeout: 20_000,
  });
  await page.getByRole('button', { name: 'Check health' }).click();
  await page.getByRole('button', { name: 'Start monitoring' }).click();
  await expect(page.getByTestId('monitor-status')).toContainText('Monitoring until');
  await ops.restart();
  await page.goto(ops.launchUrl);
  await page.goto(new URL(`/#/changes/${id}`, page.url()).toString());
  await expect(page.locator('.step-current h3')).toHaveText('Monitor');
  await expect(page.getByTestId('monitor-status')).toContainText('Monitoring complete', {
    timeout: 60_000,
  });
});

test('offline during Config keeps the draft: reload with the API unreachable, keep editing', async ({
  opsPage: page,
}) => {
  test.setTimeout(90_000);
  await shortCycle(page, 'ga4', 0.2);
  const t = await site(page);
  await startChange(page, 'ga4');
  await mapProductImpression(page);
  // Point the connection at a dead port: the API is now unreachable.
  await bridge(page, 'connections.save', {
    id: t.connectionId,
    name: 'Sandbox',
    baseUrl: 'http://127.0.0.1:9/api/v1',
  });
  await page.reload();
  await expect(mapping(page).getByLabel('Provider event for product_impression')).toHaveValue(
    'view_item_list',
  );
  await mapping(page).getByLabel('Provider event for product_impression').fill('view_promotion');
  await expect(page.getByTestId('draft-status')).toContainText('Draft saved locally');
  await page.reload();
  await expect(mapping(page).getByLabel('Provider event for product_impression')).toHaveValue(
    'view_promotion',
  );
});
