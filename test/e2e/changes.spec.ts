import { readFileSync } from 'node:fs';
import { expectAccessible, screenshotBothThemes } from './a11y';
import {
  bridge,
  mapping,
  puts,
  shortCycle,
  site,
  startChange,
  step,
  applyChange,
} from './changes-helpers';
import { expect, test } from './fixtures';
import { recordNotifications } from './notifications-helpers';

test('a full change: mapping edit, impact preview, apply, test, health, monitor, known-good; journal, export, checklist', async ({
  opsPage: page,
}) => {
  test.setTimeout(150_000);
  await bridge(page, 'settings.update', { monitorMinimumMinutes: 0.05, operatorName: 'Ada Ops' });

  // The checklist starts all "not met" for ga4.
  await page.goto(new URL('/#/checklist', page.url()).toString());
  for (const id of ['snapshots', 'test', 'monitor', 'rollback', 'owner'])
    await expect(page.getByTestId(`check-ga4-${id}`)).toHaveAttribute('data-met', 'false');
  await expectAccessible(page, 'checklist');
  await screenshotBothThemes(page, 'checklist-before');

  // Runbook: owner, escalation, a short business cycle; the prefilled rollback controls are confirmed by saving.
  await page.getByRole('link', { name: 'Edit the runbook' }).first().click();
  await expect(page).toHaveURL(/#\/runbooks\/ga4/);
  await page.getByLabel('Owner').fill('Ada Ops');
  await page.getByLabel('Business cycle (minutes)').fill('0.2');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByLabel('Name 1').fill('Bob On-call');
  await page.getByLabel('Contact 1').fill('bob@example.com');
  await page.getByRole('button', { name: 'Save runbook' }).click();
  await expect(page.getByText('Runbook saved.')).toBeVisible();
  await expectAccessible(page, 'runbook');
  await screenshotBothThemes(page, 'runbook');
  await page.goto(new URL('/#/checklist', page.url()).toString());
  await expect(page.getByTestId('check-ga4-rollback')).toHaveAttribute('data-met', 'true');
  await expect(page.getByTestId('check-ga4-owner')).toHaveAttribute('data-met', 'true');
  await expect(page.getByTestId('check-ga4-test')).toHaveAttribute('data-met', 'false');

  const id = await startChange(page, 'ga4');
  await expect(step(page, 'Baseline')).toContainText('snapshot v1');
  // Map product_impression (unmapped today, so skipped) to GA4's view_item_list.
  await mapping(page).getByRole('button', { name: 'Add row' }).click();
  const rows = mapping(page).getByLabel(/^Canonical event \d+$/);
  await rows.last().fill('product_impression');
  await mapping(page).getByLabel('Provider event for product_impression').fill('view_item_list');
  await expect(page.getByTestId('draft-status')).toContainText('Draft saved locally');
  await page.getByRole('button', { name: 'Preview impact' }).click();
  const impact = page.getByTestId('impact');
  await expect(impact.getByRole('row', { name: /product_impression/ })).toContainText(/0 → [1-9]/);
  await expectAccessible(page, 'change config step');
  await screenshotBothThemes(page, 'change-config');

  await applyChange(page);
  await expect(step(page, 'Test').getByTestId('test-result')).toContainText('Test passed');
  await page.getByRole('button', { name: 'Check health' }).click();
  await expect(page.getByTestId('health-compare')).toBeVisible();
  await page.getByRole('button', { name: 'Start monitoring' }).click();
  await expect(page.getByTestId('monitor-status')).toContainText('Monitoring until');
  await expect(page.getByTestId('rates')).toBeVisible();
  await expectAccessible(page, 'change monitor step');
  await screenshotBothThemes(page, 'change-monitor');
  await expect(page.getByTestId('monitor-status')).toContainText('Monitoring complete', {
    timeout: 40_000,
  });
  await page.getByRole('button', { name: 'Mark known-good' }).click();
  await expect(page.getByTestId('outcome')).toContainText('known-good');
  await expect(page.getByTestId('outcome')).toContainText('flagged known-good');
  for (const h of ['Baseline', 'Config', 'Test', 'Health', 'Monitor', 'Close'])
    await expect(page.getByRole('heading', { name: h, exact: true })).toBeVisible();
  await screenshotBothThemes(page, 'change-closed');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const md = readFileSync(await (await download).path(), 'utf8');
  for (const word of [
    `# Change ${id}`,
    'Operator: Ada Ops',
    '| Baseline |',
    '| Config |',
    '| Test |',
    '| Health |',
    '| Monitor |',
    '| Close |',
    'Applied',
    'Test (auto): passed',
    'Monitoring complete',
    'known-good',
    'product_impression',
    'Owner: Ada Ops',
  ])
    expect(md).toContain(word);

  await page.goto(new URL('/#/changes', page.url()).toString());
  await expect(
    page.getByTestId('journal').getByRole('row', { name: new RegExp(id) }),
  ).toContainText('known-good');
  await expectAccessible(page, 'journal');
  await screenshotBothThemes(page, 'journal');

  await page.goto(new URL('/#/checklist', page.url()).toString());
  for (const c of ['snapshots', 'test', 'monitor', 'rollback', 'owner'])
    await expect(page.getByTestId(`check-ga4-${c}`)).toHaveAttribute('data-met', 'true');
  await screenshotBothThemes(page, 'checklist-after');
  expect(await puts(page)).toBe(1);
});

test('a bad change: removed purchase mapping flagged by the preview and at Monitor, restored from the snapshot', async ({
  opsPage: page,
}) => {
  test.setTimeout(150_000);
  const notifications = await recordNotifications(page);
  await shortCycle(page, 'ga4', 0.5);
  await startChange(page, 'ga4');
  await mapping(page).getByRole('button', { name: 'Remove purchase', exact: true }).click();
  await page.getByRole('button', { name: 'Preview impact' }).click();
  await expect(page.getByRole('list', { name: 'Impact warnings' })).toContainText(
    /purchase: .* none would be after this change/,
  );
  await applyChange(page);
  await expect(step(page, 'Test').getByTestId('test-result')).toContainText('Test passed');
  await page.getByRole('button', { name: 'Check health' }).click();
  await page.getByRole('button', { name: 'Start monitoring' }).click();
  await expect(page.getByTestId('anomalies')).toContainText('Volume down for purchase', {
    timeout: 40_000,
  });
  await expect
    .poll(() => notifications().then((n) => n.join('\n')))
    .toContain('Volume down for purchase');
  await screenshotBothThemes(page, 'change-anomaly');
  await page
    .getByRole('region', { name: 'Rollback' })
    .getByRole('button', { name: 'Restore snapshot' })
    .click();
  // The confirmation names what, where and which environment.
  const ask = page.getByRole('dialog', {
    name: 'Restore snapshot on Demo store (sandbox) - Sandbox?',
  });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Restore snapshot' }).click();
  await expect(page.getByTestId('timeline')).toContainText(
    'Restore snapshot (v1): done; provider test passed',
  );
  // Rollback results: what was done, the mandatory test with its steps, drift afterwards.
  const result = page.getByTestId('rollback-result');
  await expect(result).toContainText(/Restore snapshot v\d+: done and recorded/);
  await expect(result.getByTestId('test-result')).toContainText('Test passed');
  await expect(result.getByTestId('drift-badge')).toBeVisible();
  await expectAccessible(page, 'rollback result');
  await screenshotBothThemes(page, 'change-rollback-result');
  const t = await site(page);
  const live = await bridge<{ data: { eventMapping: Record<string, string> } }>(
    page,
    'integrations.get',
    { ...t, provider: 'ga4' },
  );
  expect(live.value?.data.eventMapping.purchase).toBe('purchase');
  await page.getByRole('button', { name: 'Close as rolled back' }).click();
  await expect(page.getByTestId('outcome')).toContainText('rolled back');
});

test('a failing test (credentials_revoked on meta) is rolled back with Disable provider', async ({
  opsPage: page,
}) => {
  test.setTimeout(90_000);
  await shortCycle(page, 'meta', 0.2);
  const t = await site(page);
  await startChange(page, 'meta');
  await mapping(page).getByRole('button', { name: 'Add row' }).click();
  await mapping(page)
    .getByLabel(/^Canonical event \d+$/)
    .last()
    .fill('add_payment_info');
  await mapping(page).getByLabel('Provider event for add_payment_info').fill('AddPaymentInfo');
  await expect(page.getByTestId('draft-status')).toContainText('Draft saved locally');
  await bridge(page, 'drills.start', { ...t, scenario: 'credentials_revoked' });
  await applyChange(page);
  await expect(step(page, 'Test').getByTestId('test-result')).toContainText('Test failed');
  await expect(page.getByText('Roll back now')).toBeVisible();
  await expectAccessible(page, 'failed test with rollback');
  await screenshotBothThemes(page, 'change-test-failed');
  await page.getByRole('button', { name: 'Disable Meta' }).click();
  await page
    .getByRole('dialog', { name: 'Disable Meta on Demo store (sandbox) - Sandbox?' })
    .getByRole('button', { name: 'Disable Meta' })
    .click();
  await expect(page.getByTestId('timeline')).toContainText('Disable Meta: done');
  await expect(page.getByTestId('rollback-result')).toContainText(
    'Disable Meta: done and recorded.',
  );
  const live = await bridge<{ data: { enabled: boolean } }>(page, 'integrations.get', {
    ...t,
    provider: 'meta',
  });
  expect(live.value?.data.enabled).toBe(false);
  await page.getByRole('button', { name: 'Close as rolled back' }).click();
  await expect(page.getByTestId('outcome')).toContainText('rolled back');
});
