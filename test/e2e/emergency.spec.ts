import { readFileSync } from 'node:fs';
import { expectAccessible, screenshotBothThemes } from './a11y';
import {
  acknowledgeIfAsked,
  applyChange,
  bridge,
  mapProductImpression,
  shortCycle,
  site,
  startChange,
  step,
} from './changes-helpers';
import { expect, test } from './fixtures';

test('a fix ended early with a reason closes, and the journal, the export and the checklist say "ended early"', async ({
  opsPage: page,
}) => {
  test.setTimeout(150_000);
  // A 24 h business cycle: the fix would sit in Monitor for a day.
  await shortCycle(page, 'ga4', 24 * 60);
  const id = await startChange(page, 'ga4');
  await expect(page.getByTestId('cycle-note')).toContainText('Monitoring after Apply: 24 h');
  await mapProductImpression(page);
  await applyChange(page);
  await expect(step(page, 'Test').getByTestId('test-result')).toContainText('Test passed');
  await page.getByRole('button', { name: 'Check health' }).click();
  await page.getByRole('button', { name: 'Start monitoring' }).click();
  // The end of the window carries its date (tomorrow), not only a time.
  await expect(page.getByTestId('monitor-status')).toContainText(
    /Monitoring until \d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d/,
  );

  await page.getByRole('button', { name: 'End monitoring early…' }).click();
  const ask = page.getByRole('dialog', { name: /End monitoring before the business cycle/ });
  await ask.getByRole('button', { name: 'End monitoring now' }).click();
  await expect(ask.getByText('Say why, in a few words.')).toBeVisible();
  await ask.getByLabel('Reason (kept in the change journal)').fill('fix confirmed, INC open');
  await ask.getByLabel('Ticket link (optional)').fill('not a link');
  await ask.getByRole('button', { name: 'End monitoring now' }).click();
  await expect(ask.getByText('A ticket link is an http(s) address.')).toBeVisible();
  await expectAccessible(page, 'end monitoring early dialog');
  await screenshotBothThemes(page, 'end-monitoring-early');
  await ask.getByLabel('Ticket link (optional)').fill('https://tickets.example.com/INC-42');
  await ask.getByRole('button', { name: 'End monitoring now' }).click();
  await expect(ask).toBeHidden();
  await expect(page.getByTestId('ended-early')).toContainText('fix confirmed, INC open');

  // Anything raised must be acknowledged first; then the change closes.
  await acknowledgeIfAsked(page, 'expected after the fix');
  await page.getByRole('button', { name: 'Mark known-good' }).click();
  await expect(page.getByTestId('outcome')).toContainText('monitoring ended early');
  await expect(page.getByTestId('timeline')).toContainText(
    'ended early by the operator — fix confirmed, INC open (ticket https://tickets.example.com/INC-42)',
  );
  await screenshotBothThemes(page, 'change-ended-early');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const md = readFileSync(await (await download).path(), 'utf8');
  expect(md).toContain('monitoring ended early');
  expect(md).toContain('fix confirmed, INC open');

  await page.goto(new URL('/#/changes', page.url()).toString());
  await expect(
    page.getByTestId('journal').getByRole('row', { name: new RegExp(id) }),
  ).toContainText('monitoring ended early');
  await page.goto(new URL('/#/checklist', page.url()).toString());
  const monitored = page.getByTestId('check-ga4-monitor');
  await expect(monitored).toHaveAttribute('data-met', 'false');
  await expect(monitored).toContainText('ended early');
});

test('a change started with a reason and ticket; Abandon asks for a reason and says the applied configuration stays live', async ({
  opsPage: page,
}) => {
  test.setTimeout(90_000);
  await shortCycle(page, 'ga4', 24 * 60);
  // A change may carry its reason and ticket from the start.
  await page.goto(new URL('/#/changes', page.url()).toString());
  await page.getByLabel('Target', { exact: true }).selectOption('ga4');
  await page.getByRole('button', { name: 'With a reason…' }).click();
  const why = page.getByRole('dialog', { name: 'Start a change with its reason' });
  await why.getByLabel('Reason (kept in the change journal)').fill('INC-7: GA4 misses impressions');
  await why.getByLabel('Ticket link (optional)').fill('https://tickets.example.com/INC-7');
  await why.getByRole('button', { name: 'Start change' }).click();
  await expect(page).toHaveURL(/#\/changes\/chg-/);
  await expect(page.getByTestId('timeline')).toContainText(
    'reason: INC-7: GA4 misses impressions; ticket https://tickets.example.com/INC-7',
  );
  await mapProductImpression(page);
  await applyChange(page);
  await expect(step(page, 'Test').getByTestId('test-result')).toContainText('Test passed');
  await page.getByRole('button', { name: 'Abandon change…' }).click();
  const ask = page.getByRole('dialog', { name: 'Abandon this change?' });
  await expect(ask.getByTestId('abandon-stays-live')).toContainText('stays live in production');
  await expectAccessible(page, 'abandon dialog');
  await screenshotBothThemes(page, 'abandon-applied');
  // It offers the rollback first: the Rollback panel's restore confirmation opens with its
  // consequence (cancelled here: this test leaves the change live on purpose).
  await ask.getByRole('button', { name: 'Restore snapshot first…' }).click();
  await expect(ask).toBeHidden();
  const restore = page.getByRole('dialog', { name: /^Restore snapshot on / });
  await expect(restore).toContainText("the change's baseline");
  await restore.getByRole('button', { name: 'Cancel' }).click();
  await expect(restore).toBeHidden();
  await page.getByRole('button', { name: 'Abandon change…' }).click();
  await ask.getByLabel('Reason (kept in the change journal)').fill('superseded by INC-7 fix');
  await ask.getByRole('button', { name: 'Abandon, leave it live' }).click();
  await expect(ask).toBeHidden();
  await expect(page.getByTestId('timeline')).toContainText(
    'the applied configuration stays live — superseded by INC-7 fix',
  );
});

test('Disable then Re-enable a provider (from its page, then from the command palette), each with a confirmation', async ({
  opsPage: page,
}) => {
  test.setTimeout(90_000);
  await page.goto(new URL('/#/providers/meta', page.url()).toString());
  const rollback = page.getByRole('region', { name: 'Rollback' });
  await rollback.getByRole('button', { name: 'Disable Meta' }).click();
  let ask = page.getByRole('dialog', { name: /^Disable Meta on / });
  await ask.getByRole('button', { name: 'Disable Meta' }).click();
  await expect(page.getByTestId('rollback-result')).toContainText('Disable Meta: done');
  await expect(page.getByTestId('provider-health')).toContainText('disabled');
  await expect(rollback.getByRole('button', { name: 'Re-enable Meta' })).toBeVisible();
  await expectAccessible(page, 'provider page after disable');
  await screenshotBothThemes(page, 'provider-disabled');

  // The command palette offers the rollbacks too: it opens the same confirmation on the page.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Type a command or screen' }).fill('re-enable meta');
  await page.keyboard.press('Enter');
  ask = page.getByRole('dialog', { name: /^Re-enable Meta on / });
  await expect(ask).toContainText('Sets enabled: true');
  await ask.getByRole('button', { name: 'Re-enable Meta' }).click();
  await expect(page.getByTestId('rollback-result')).toContainText('Re-enable Meta: done');
  await expect(rollback.getByRole('button', { name: 'Disable Meta' })).toBeVisible();
  await expect(page.getByTestId('provider-health')).not.toContainText('disabled', {
    timeout: 20_000,
  });
  const t = await site(page);
  const live = await bridge<{ data: { enabled: boolean } }>(page, 'integrations.get', {
    ...t,
    provider: 'meta',
  });
  expect(live.value!.data.enabled).toBe(true);
});

test('restore known-good from the Overview drift diff', async ({ opsPage: page }) => {
  test.setTimeout(90_000);
  const t = await site(page);
  // The watch looks every 5 s; each of its rounds re-checks the drift badges on screen.
  await bridge(page, 'settings.update', { refreshIntervalSec: 5 });
  const taken = await bridge<{ snapshot: { version: number } }>(page, 'snapshots.take', {
    ...t,
    target: 'meta',
    source: 'manual',
    label: 'before the drill',
  });
  const v = taken.value!.snapshot.version;
  await bridge(page, 'snapshots.markKnownGood', {
    ...t,
    target: 'meta',
    version: v,
    knownGood: true,
  });
  // An outside change: the mapping_overwrite drill rewrites the mappings on the server.
  await bridge(page, 'drills.start', { ...t, scenario: 'mapping_overwrite' });
  await bridge(page, 'drills.clear', t);
  await page.goto(new URL('/#/overview', page.url()).toString());
  const card = page.getByTestId('provider-meta');
  await expect(card.getByTestId('drift-badge')).toHaveAttribute('data-drifted', 'true', {
    timeout: 20_000,
  });
  await card.getByRole('button', { name: 'Show diff' }).click();
  await card.getByRole('button', { name: `Restore known-good v${v}` }).click();
  const ask = page.getByRole('dialog', {
    name: new RegExp(`^Restore known-good v${v} of Meta on `),
  });
  await expect(ask.getByTestId('restore-facts')).toContainText(`Known-good v${v}`);
  await expect(ask.getByTestId('restore-facts')).toContainText('before the drill');
  await expectAccessible(page, 'restore from drift dialog');
  await screenshotBothThemes(page, 'restore-from-drift');
  await ask.getByRole('button', { name: `Restore known-good v${v}` }).click();
  await expect(card.getByTestId('drift-badge')).toHaveAttribute('data-drifted', 'false', {
    timeout: 20_000,
  });
  // The rollback record closes once its mandatory test has run.
  await expect
    .poll(
      async () => (await bridge<{ status: string }[]>(page, 'changes.list', t)).value?.[0]?.status,
      { timeout: 20_000 },
    )
    .toBe('rolled back');
});
