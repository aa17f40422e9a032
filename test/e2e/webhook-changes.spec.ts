import type { Page } from '@playwright/test';
import { startWebhookReceiver } from '../fakes/webhook-receiver';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { applyChange, bridge, editJson, site, step } from './changes-helpers';
import { expect, test } from './fixtures';

const TOKEN = 's3cret-token-value-1234';
type View = { entries: { type: string; createdId?: string; operation?: string }[] };

/** The change open on this page, as main journals it. */
async function journal(page: Page): Promise<View['entries']> {
  const changeId = new URL(page.url()).hash.split('/')[2]!;
  return (await bridge<View>(page, 'changes.get', { changeId })).value!.entries;
}

/** Health, a short monitoring window, known-good: the end of the runbook for any change. */
async function finishRunbook(page: Page, target: string): Promise<void> {
  const t = await site(page);
  await bridge(page, 'runbooks.save', {
    ...t,
    target,
    runbook: { owner: 'Ada Ops', businessCycleMinutes: 0.05 },
  });
  await page.getByRole('button', { name: 'Check health' }).click();
  await page.getByRole('button', { name: 'Start monitoring' }).click();
  await expect(page.getByTestId('monitor-status')).toContainText('Monitoring complete', {
    timeout: 40_000,
  });
  await page.getByRole('button', { name: 'Mark known-good' }).click();
  await expect(page.getByTestId('outcome')).toContainText('known-good');
}

test('webhooks through the runbook: create (test passes, it delivers), edit, delete, restore from its snapshot', async ({
  opsPage: page,
}) => {
  test.setTimeout(180_000);
  const receiver = await startWebhookReceiver();
  try {
    await bridge(page, 'settings.update', { monitorMinimumMinutes: 0.05, operatorName: 'Ada Ops' });
    const origin = new URL(page.url()).origin;

    // "New webhook" opens a change: baseline "does not exist", the form is its draft.
    await page.goto(`${origin}/#/webhooks`);
    await page.getByRole('button', { name: 'New webhook' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Orders to BI');
    await page.getByRole('textbox', { name: 'URL' }).fill(receiver.url);
    await page.getByLabel('Authentication').selectOption('bearer');
    await expect(page.getByRole('button', { name: 'Start create change' })).toBeDisabled();
    await page.getByLabel('token (secret)').fill(TOKEN);
    await expectAccessible(page, 'webhook form');
    await screenshotBothThemes(page, 'webhook-form');
    await page.getByRole('button', { name: 'Start create change' }).click();
    await expect(page).toHaveURL(/#\/changes\/chg-/);
    await expect(page.getByTestId('create-draft')).toBeVisible();
    await expectAccessible(page, 'create change, config');
    await screenshotBothThemes(page, 'webhook-create-change');
    expect(receiver.received).toHaveLength(0); // nothing exists before Apply
    await applyChange(page);
    await expect(step(page, 'Test').getByTestId('test-result')).toContainText('Test passed', {
      timeout: 20_000,
    });
    const hookId = (await journal(page)).find((e) => e.type === 'apply_done')!.createdId!;
    // The change now targets the created webhook, shown by its name (never `webhook:<id>`).
    await expect(page.locator('.screen-head p.small')).toContainText(' · Orders to BI · ');
    await expect(page.locator('.screen-head')).not.toContainText(`webhook:${hookId}`);
    await finishRunbook(page, `webhook:${hookId}`);
    // It delivers: the test and real events reached the receiver with its credentials.
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBeGreaterThan(1);
    expect(new Set(receiver.received.map((d) => d.headers.authorization))).toEqual(
      new Set([`Bearer ${TOKEN}`]),
    );
    const t = await site(page);
    await expect
      .poll(async () => {
        const logs = await bridge<{ data: { entries: { status: string }[] } }>(
          page,
          'webhooks.logs',
          { ...t, webhookId: hookId, limit: 50 },
        );
        return logs.value!.data.entries.filter((e) => e.status === 'sent').length;
      })
      .toBeGreaterThan(0);

    // Edit: "Start change" on its detail; the JSON draft keeps the secret masked.
    await page.goto(`${origin}/#/webhooks`);
    await page.getByRole('link', { name: 'Change Orders to BI' }).click();
    await page.getByTestId('webhook-detail').getByRole('button', { name: 'Start change' }).click();
    await expect(page).toHaveURL(/#\/changes\/chg-/);
    await editJson(page, (text) => {
      expect(text).not.toContain(TOKEN);
      return text.replace('"Orders to BI"', '"Orders to BI v2"');
    });
    await applyChange(page);
    await expect(step(page, 'Test').getByTestId('test-result')).toContainText('Test passed', {
      timeout: 20_000,
    });
    await finishRunbook(page, `webhook:${hookId}`);

    // "Delete" opens a change too: its baseline snapshot is kept; Apply deletes; the test checks it is gone.
    await page.goto(`${origin}/#/webhooks`);
    const row = page.getByTestId('webhook-row-Orders to BI v2');
    await row.getByRole('button', { name: 'Delete Orders to BI v2' }).click();
    const dialog = page.getByRole('dialog', { name: /Delete the webhook/ });
    await expectAccessible(page, 'delete dialog');
    await screenshotBothThemes(page, 'webhook-delete-dialog');
    await dialog.getByRole('button', { name: 'Start delete change' }).click();
    await expect(page).toHaveURL(/#\/changes\/chg-/);
    await expect(page.getByTestId('delete-draft')).toContainText('Orders to BI v2');
    await expectAccessible(page, 'delete change, config');
    await screenshotBothThemes(page, 'webhook-delete-change');
    await page.getByRole('button', { name: 'Apply change (delete)' }).click();
    // The write is confirmed with the site and the environment.
    await page
      .getByRole('dialog', {
        name: 'Delete the webhook “Orders to BI v2” on Demo store (sandbox) - Sandbox?',
      })
      .getByRole('button', { name: 'Apply change (delete)' })
      .click();
    await expect(step(page, 'Test').getByTestId('test-result')).toContainText('verify_deleted', {
      timeout: 20_000,
    });
    await finishRunbook(page, `webhook:${hookId}`);
    await page.goto(`${origin}/#/webhooks`);
    await expect(page.getByTestId('webhook-row-Orders to BI v2')).toHaveCount(0);

    // Restore snapshot re-creates it, as a change; its secret is entered again in the draft.
    await page.goto(`${origin}/#/snapshots/webhook:${hookId}`);
    await expect(page.getByLabel('Configuration')).toHaveValue(`webhook:${hookId}`);
    await expect(page.getByLabel('Configuration').locator('option:checked')).toContainText(
      '(deleted)',
    );
    await expectAccessible(page, 'snapshots of a deleted webhook');
    await screenshotBothThemes(page, 'snapshots-deleted-webhook');
    // The newest version is the one the delete kept (the edit's after-change snapshot).
    const versions = page.getByRole('button', { name: /^Restore snapshot v\d+$/ });
    await versions.first().click();
    await expect(page).toHaveURL(/#\/changes\/chg-/);
    await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('Re-create of');
    await expect(page.getByRole('list', { name: 'JSON problems' })).toContainText(
      'authConfig.token',
    );
    await expectAccessible(page, 're-create change, config');
    await screenshotBothThemes(page, 'webhook-recreate-change');
    await editJson(page, (text) => text.replace(/"token":\s*"[^"]*"/, `"token": "${TOKEN}"`));
    await expect(page.getByRole('list', { name: 'JSON problems' })).toHaveCount(0);
    const before = receiver.received.length;
    await applyChange(page);
    await expect(step(page, 'Test').getByTestId('test-result')).toContainText('Test passed', {
      timeout: 20_000,
    });
    await page.goto(`${origin}/#/webhooks`);
    await expect(page.getByTestId('webhook-row-Orders to BI v2')).toBeVisible();
    await expect.poll(() => receiver.received.length).toBeGreaterThan(before);
  } finally {
    await receiver.close();
  }
});
