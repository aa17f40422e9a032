import type { Page } from '@playwright/test';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { bridge, changeThroughRunbook, site as target } from './bridge-helpers';
import { expect, test } from './fixtures';

type Entry = {
  eventId: string;
  event: string;
  status: string;
  timestamp: string;
  payload?: Record<string, unknown>;
};
type Target = { connectionId: string; siteId: string };

async function logs(page: Page, t: Target, where: { provider: string } | { webhookId: string }) {
  const call = 'provider' in where ? 'integrations.logs' : 'webhooks.logs';
  const r = await bridge<{ data: { entries: Entry[] } }>(page, call, {
    ...t,
    ...where,
    limit: 500,
    offlineCopy: false,
    freshness: 'live',
  });
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return r.value!.data.entries;
}

/** Drops the purchase filter of one provider (after filter_suppression put it on all of them). */
function withoutPurchaseFilter(live: Record<string, unknown>): Record<string, unknown> {
  const { purchase: _drop, ...filters } = live.eventFilters as Record<string, unknown>;
  return { ...live, eventFilters: filters };
}

/**
 * One purchase, four fates: GA4 sends it; Meta filters it (filter_suppression's order.total gte
 * 100000); Google Ads skips it (mapping_overwrite removed purchase, its filter dropped so the
 * mapping decides); the ERP webhook fails (webhook_receiver_down, retries exhausted). Every
 * configuration edit goes through a change, as the app requires.
 */
async function stageFourFates(page: Page) {
  const t = await target(page);
  const hooks = await bridge<{ data: Record<string, unknown>[] }>(page, 'webhooks.list', t);
  const erp = hooks.value!.data.find((w) => w.name === 'Orders to ERP')!;
  // Give up after two attempts a moment apart, so the failure shows within seconds.
  await changeThroughRunbook(page, `webhook:${String(erp.id)}`, (live) => ({
    ...live,
    retryPolicy: { maxAttempts: 2, backoff: 'fixed', initialDelayMs: 200 },
  }));
  for (const scenario of ['filter_suppression', 'mapping_overwrite', 'webhook_receiver_down']) {
    const r = await bridge(page, 'drills.start', { ...t, scenario });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
  }
  await changeThroughRunbook(page, 'ga4', withoutPurchaseFilter);
  await changeThroughRunbook(page, 'gads', withoutPurchaseFilter);
  const since = Date.now();
  const webhookId = String(erp.id);
  // A purchase after the changes whose webhook delivery has already failed.
  let orderId = '';
  await expect
    .poll(
      async () => {
        const [ga4, meta, gads, hook] = await Promise.all([
          logs(page, t, { provider: 'ga4' }),
          logs(page, t, { provider: 'meta' }),
          logs(page, t, { provider: 'gads' }),
          logs(page, t, { webhookId }),
        ]);
        for (const e of ga4) {
          if (e.event !== 'purchase' || e.status !== 'sent' || Date.parse(e.timestamp) < since)
            continue;
          const has = (xs: Entry[], status: string) =>
            xs.some((x) => x.eventId === e.eventId && x.status === status);
          if (has(meta, 'filtered') && has(gads, 'skipped') && has(hook, 'failed'))
            orderId = String(e.payload?.transaction_id);
        }
        return orderId;
      },
      { timeout: 45_000, intervals: [1000] },
    )
    .not.toBe('');
  return { t, orderId };
}

test.use({ opsArgs: ['--sandbox-rate', '25'] });

test('a purchase traced by its order id: sent, filtered, skipped and failed; the Markdown has each fate', async ({
  opsPage: page,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.waitForLoadState('networkidle');
  const { orderId } = await stageFourFates(page);
  expect(orderId).toMatch(/^ORD-\d{8}$/);

  await page.goto(`${new URL(page.url()).origin}/#/trace`);
  await expect(page.getByRole('heading', { name: 'Trace an event', level: 1 })).toBeVisible();
  await page.getByRole('radio', { name: /Text in the payload/ }).check();
  await page.getByLabel('Text', { exact: true }).fill(orderId);
  await page.getByRole('button', { name: 'Trace', exact: true }).click();
  const table = page.getByRole('table', { name: 'Fate at each destination' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  const fate = (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) });
  await expect(fate('GA4')).toContainText('sent');
  await expect(fate('Meta')).toContainText('filtered');
  await expect(fate('Meta')).toContainText('order.total gte 100000');
  await expect(fate('Google Ads')).toContainText('skipped');
  await expect(fate('Google Ads')).toContainText('no_mapping');
  await expect(fate('Orders to ERP')).toContainText('failed');
  await expect(fate('Orders to ERP')).toContainText('http_503');
  const searched = page.getByRole('table', { name: 'Search per stream' });
  await expect(searched.getByRole('row')).toHaveCount(5);

  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(page.getByText('Copied the trace as Markdown.')).toBeVisible();
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md).toContain(`## Trace of text "${orderId}"`);
  expect(md).toMatch(/\| GA4 \| sent \| Sent \(HTTP 204/);
  expect(md).toMatch(/\| Meta \| filtered \| Filtered: order\.total gte 100000/);
  expect(md).toMatch(/\| Google Ads \| skipped \| Skipped: no_mapping/);
  expect(md).toMatch(/\| Orders to ERP \| failed \| Failed with http_503/);
  expect(md).toContain('### Searched');

  await page
    .getByRole('row', { name: /^GA4/ })
    .getByText(/\d+ lines?/)
    .click();
  await expectAccessible(page, 'Trace (result)');
  await screenshotBothThemes(page, 'trace-result');
  const t = await target(page);
  await bridge(page, 'drills.clear', t);
});

test('"Trace this event" from a log line; progress and cancel for a long search', async ({
  opsPage: page,
}) => {
  await page.goto(`${new URL(page.url()).origin}/#/logs`);
  const list = page.getByRole('listbox', { name: 'GA4 live log entries' });
  const line = list.locator('.log-row.st-sent').first();
  await expect(line).toBeVisible({ timeout: 20_000 });
  await line.click();
  const detail = page.getByRole('complementary', { name: 'Entry detail' });
  const eventId = (await detail.locator('dd code').first().innerText()).trim();
  expect(eventId).toMatch(/^evt_/);
  await detail.getByRole('button', { name: 'Trace this event' }).click();
  await expect(page).toHaveURL(new RegExp(`#/trace/event/${eventId}$`));
  const table = page.getByRole('table', { name: 'Fate at each destination' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: new RegExp(eventId) })).toBeVisible();
  await expect(table.getByRole('row', { name: /^GA4/ })).toContainText('sent');

  // A slow API (drill) makes a search long enough to watch and cancel.
  const t = await target(page);
  expect((await bridge(page, 'drills.start', { ...t, scenario: 'api_slow' })).ok).toBe(true);
  await page.getByRole('radio', { name: 'Event id' }).check();
  await page.getByRole('textbox', { name: 'Event id' }).fill('evt_that_does_not_exist');
  await page.getByLabel('Search back over the').selectOption('1440');
  await page.getByLabel('Request budget').fill('500');
  await page.getByRole('button', { name: 'Trace', exact: true }).click();
  const progress = page.getByRole('region', { name: 'Trace progress' });
  await expect(progress).toBeVisible();
  await expectAccessible(page, 'Trace (running)');
  await expect(progress).toContainText(/Searching… \d+ of 500 requests/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  const searched = page.getByRole('article', { name: 'What was searched' });
  await expect(searched).toContainText('Cancelled: partial.', { timeout: 20_000 });
  await expect(searched).toContainText('cancelled: older entries not reached');
  await bridge(page, 'drills.clear', t);
});
