import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  acknowledgeIfAsked,
  addMapping,
  applyChange,
  bridge,
  shortCycle,
  startChange,
  step,
} from './changes-helpers';
import { expect, type OpsApp } from './fixtures';

export interface FleetSite {
  id: string;
  connectionId: string;
  siteId: string;
  label: string;
}

export async function sites(page: Page): Promise<FleetSite[]> {
  return (await bridge<FleetSite[]>(page, 'sites.list', {})).value!;
}

/** GA4's live config of a site, read through the app's bridge from the API. */
export async function ga4(page: Page, s: FleetSite): Promise<Record<string, unknown>> {
  const r = await bridge<{ data: Record<string, unknown> }>(page, 'integrations.get', {
    connectionId: s.connectionId,
    siteId: s.siteId,
    provider: 'ga4',
  });
  const { updatedAt: _u, ...body } = r.value!.data;
  return body;
}

/**
 * PUTs the sandbox stored for a site's GA4: its own persisted version counter (1 when seeded, +1
 * per PUT). It survives restarts of the app, which the app's diagnostics do not.
 */
export function sandboxPuts(ops: OpsApp, siteId: string): number {
  const file = JSON.parse(
    readFileSync(join(ops.dataDir, 'sandbox', 'sites', `${siteId}.json`), 'utf8'),
  ) as { site: { integrations: { ga4: { version: number } } } };
  return file.site.integrations.ga4.version - 1;
}

/** On the first site: add product_impression -> view_item_list to GA4 and close it known-good. */
export async function knownGoodSourceChange(page: Page): Promise<string> {
  await shortCycle(page, 'ga4', 0.05);
  const id = await startChange(page, 'ga4');
  await addMapping(page, 'product_impression', 'view_item_list');
  await applyChange(page);
  await expect(step(page, 'Test').getByTestId('test-result')).toContainText('Test passed', {
    timeout: 60_000,
  });
  await page.getByRole('button', { name: 'Check health' }).click();
  await page.getByRole('button', { name: 'Start monitoring' }).click();
  await expect(page.getByRole('button', { name: 'Mark known-good' })).toBeVisible({
    timeout: 90_000,
  });
  // A busy machine's sandbox can dip in volume: the operator acknowledges what was raised.
  await acknowledgeIfAsked(page, 'source change of the rollout test');
  await page.getByRole('button', { name: 'Mark known-good' }).click();
  await expect(page.getByTestId('outcome')).toContainText('known-good');
  return id;
}

/** The planner: the 12 fleet sites (not the other demo shop), default waves, a short window. */
export async function planRollout(page: Page, minutes: string): Promise<void> {
  await page.getByRole('link', { name: 'Roll out to other sites' }).click();
  await expect(page.getByRole('heading', { name: 'Roll out to other sites' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'What the rollout carries' })).toContainText(
    'Mapping: add product_impression → view_item_list',
  );
  await page.getByRole('button', { name: /^Pick the \d+ shown$/ }).click();
  const other = page.getByRole('checkbox', { name: 'Demo outlet (sandbox)' });
  if (await other.count()) await other.uncheck();
  await expect(page.getByLabel('Waves (sites per wave)')).toHaveValue('1, 3, 8');
  await page.getByRole('radio', { name: /a fixed window/ }).check();
  await page.getByLabel('Minutes per wave').fill(minutes);
}

export async function rolloutState(page: Page, rolloutId: string) {
  const r = await bridge<{ entries: { type: string; [k: string]: unknown }[] }>(
    page,
    'rollouts.get',
    { rolloutId },
  );
  return r.value!;
}
