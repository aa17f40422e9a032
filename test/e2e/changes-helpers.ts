import type { Page } from '@playwright/test';
import { bridge, site } from './bridge-helpers';
import { expect } from './fixtures';

export { bridge, site };

/** A short monitoring window for tests: the settings minimum and the runbook's business cycle. */
export async function shortCycle(page: Page, target: string, minutes: number): Promise<void> {
  const t = await site(page);
  await bridge(page, 'settings.update', { monitorMinimumMinutes: 0.05, operatorName: 'Ada Ops' });
  await bridge(page, 'runbooks.save', {
    ...t,
    target,
    runbook: {
      owner: 'Ada Ops',
      escalation: [{ name: 'Bob On-call', role: 'SRE', contact: 'bob@example.com', link: '' }],
      businessCycleMinutes: minutes,
      rollbackControls: [{ control: 'disable', when: 'credentials revoked' }],
      notes: '',
    },
  });
}

export async function puts(page: Page): Promise<number> {
  const d = await bridge<{ method: string }[]>(page, 'diagnostics.list', {});
  return (d.value ?? []).filter((x) => x.method === 'PUT').length;
}

/** Journal -> Start change on a target; lands on the change at its Config step. */
export async function startChange(page: Page, target: string): Promise<string> {
  await page.goto(new URL('/#/changes', page.url()).toString());
  await page.getByLabel('Target', { exact: true }).selectOption(target);
  await page.getByRole('button', { name: 'Start change' }).click();
  await expect(page).toHaveURL(/#\/changes\/chg-/);
  await expect(page.locator('.step-current h3')).toHaveText('Config');
  return new URL(page.url()).hash.split('/')[2]!;
}

export function mapping(page: Page) {
  return page.getByRole('group', { name: 'Event mapping' });
}

/** Config step: adds one mapping row and waits until the draft is saved locally. */
export async function addMapping(page: Page, canonical: string, providerEvent: string) {
  await mapping(page).getByRole('button', { name: 'Add row' }).click();
  await mapping(page)
    .getByLabel(/^Canonical event \d+$/)
    .last()
    .fill(canonical);
  await mapping(page).getByLabel(`Provider event for ${canonical}`).fill(providerEvent);
  await expect(page.getByTestId('draft-status')).toContainText('Draft saved locally');
}

export function step(page: Page, name: string) {
  return page.getByRole('region', { name, exact: true });
}

/**
 * Apply change, then confirm in the app's dialog, which names the environment and the site
 * ("Apply the change to GA4 on Demo store (sandbox) - Sandbox?").
 */
export async function applyChange(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Apply change' }).click();
  const ask = page.getByRole('dialog', {
    name: /^(Apply the change to|Create|Delete) .+ on .+ - .+\?$/,
  });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Apply change' }).click();
  await expect(ask).toBeHidden();
}

/** The change's Config step holds the editor; CodeMirror takes the new text as one fill. */
export async function editJson(page: Page, edit: (text: string) => string): Promise<void> {
  const code = page.locator('.cm-content');
  await expect(code).toBeVisible();
  await code.fill(edit(await code.innerText()));
}

/** A small, harmless draft: map product_impression (unmapped, so skipped today) to view_item_list. */
export async function mapProductImpression(page: Page): Promise<void> {
  await mapping(page).getByRole('button', { name: 'Add row' }).click();
  await mapping(page)
    .getByLabel(/^Canonical event \d+$/)
    .last()
    .fill('product_impression');
  await mapping(page).getByLabel('Provider event for product_impression').fill('view_item_list');
  await expect(page.getByTestId('draft-status')).toContainText('Draft saved locally');
}

/**
 * At Close: anything the health check or the monitor raised is acknowledged with `reason` first
 * (Mark known-good is refused until then); nothing to do when nothing was raised.
 */
export async function acknowledgeIfAsked(page: Page, reason: string): Promise<void> {
  const ack = page.getByTestId('to-acknowledge').first();
  if (!(await ack.isVisible())) return;
  await ack.getByRole('button', { name: 'Acknowledge…' }).click();
  const a = page.getByRole('dialog', { name: /Acknowledge these/ });
  await a.getByLabel('Reason (kept in the change journal)').fill(reason);
  await a.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(a).toBeHidden();
}
