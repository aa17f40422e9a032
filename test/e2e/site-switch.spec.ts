import type { Page } from '@playwright/test';
import { bridge } from './bridge-helpers';
import { expect, test } from './fixtures';

/**
 * No stale site, ever: with `api_slow` on site A (every management call 2-5 s slower), switch to B
 * and back repeatedly on every screen. A watcher in the page records any moment when the main area
 * shows a value of the other site while a site is selected; the test then asserts on values only
 * that site has (names, ids, counts).
 */
const A = 'Demo store (sandbox)'; // Nordwind Outdoor: "Orders to ERP", Meta live, data layer "dataLayer"
const B = 'Demo outlet (sandbox)'; // Casa Lumen: "Signups to CRM", Meta in test mode, "lumenLayer"
const ONLY: Record<string, string[]> = {
  [A]: ['Orders to ERP', 'Alice Nordwind'],
  [B]: ['Signups to CRM', 'lumenLayer', 'Bruno Lumen'],
};

async function watchForOtherSite(page: Page) {
  await page.evaluate(
    ({ only, a, b }) => {
      const w = window as unknown as { __stale: string[] };
      w.__stale = [];
      const check = () => {
        const picker = document.querySelector<HTMLSelectElement>('select[aria-label="Site"]');
        const selected = picker?.selectedOptions[0]?.textContent ?? '';
        const other = selected === a ? b : selected === b ? a : undefined;
        if (!other) return;
        const text = document.querySelector('main')?.textContent ?? '';
        for (const marker of [...only[other]!, other])
          if (text.includes(marker)) w.__stale.push(`${selected} showed "${marker}"`);
      };
      new MutationObserver(check).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    },
    { only: ONLY, a: A, b: B },
  );
}

const staleSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __stale: string[] }).__stale);

async function pick(page: Page, label: string) {
  await page.getByRole('combobox', { name: 'Site' }).selectOption({ label });
}

test('with api_slow on site A, every screen only ever shows the selected site', async ({
  opsPage: page,
}) => {
  test.setTimeout(300_000);
  const sites = (
    await bridge<{ label: string; connectionId: string; siteId: string }[]>(page, 'sites.list', {})
  ).value!;
  const a = sites.find((s) => s.label === A)!;
  const b = sites.find((s) => s.label === B)!;
  // A known-good Meta snapshot on A only: the drift badge differs by site.
  const key = { connectionId: a.connectionId, siteId: a.siteId, target: 'meta' };
  const taken = await bridge<{ snapshot: { version: number } }>(page, 'snapshots.take', {
    ...key,
    source: 'manual',
  });
  expect(taken.ok).toBe(true);
  expect(
    (await bridge(page, 'snapshots.markKnownGood', { ...key, version: 1, knownGood: true })).ok,
  ).toBe(true);
  // A GA4 owner per site: the checklist and the runbook differ by site.
  for (const [s, owner] of [
    [a, 'Alice Nordwind'],
    [b, 'Bruno Lumen'],
  ] as const) {
    const saved = await bridge(page, 'runbooks.save', {
      connectionId: s.connectionId,
      siteId: s.siteId,
      target: 'ga4',
      runbook: { owner, escalation: [{ name: `${owner} pager` }] },
    });
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
  }
  expect(
    (
      await bridge(page, 'drills.start', {
        connectionId: a.connectionId,
        siteId: a.siteId,
        scenario: 'api_slow',
      })
    ).ok,
  ).toBe(true);

  const origin = new URL(page.url()).origin;
  await pick(page, A);
  await watchForOtherSite(page);
  const main = page.locator('main');

  /** What each screen must show for each site: values only that site has. */
  const screens: { route: string; expectFor: Record<string, (p: Page) => Promise<void>> }[] = [
    {
      route: 'overview',
      expectFor: {
        [A]: () => expect(main.getByText('Orders to ERP')).toBeVisible({ timeout: 20_000 }),
        [B]: () => expect(main.getByText('Signups to CRM')).toBeVisible({ timeout: 20_000 }),
      },
    },
    {
      route: 'providers/meta',
      expectFor: {
        [A]: async () => {
          await expect(main.getByRole('heading', { name: `Meta · ${A}` })).toBeVisible();
          await expect(main.locator('.screen-head').getByTestId('drift-badge')).toHaveText(
            /Matches known-good v1/,
            { timeout: 20_000 },
          );
        },
        [B]: async () => {
          await expect(main.getByRole('heading', { name: `Meta · ${B}` })).toBeVisible();
          await expect(main.locator('.screen-head').getByTestId('drift-badge')).toHaveText(
            'No known-good snapshot',
            { timeout: 20_000 },
          );
          await expect(main.getByText(/test mode/i).first()).toBeVisible({ timeout: 20_000 });
        },
      },
    },
    {
      route: 'webhooks',
      expectFor: {
        [A]: () =>
          expect(main.getByTestId('webhook-row-Orders to ERP')).toBeVisible({ timeout: 20_000 }),
        [B]: () =>
          expect(main.getByTestId('webhook-row-Signups to CRM')).toBeVisible({ timeout: 20_000 }),
      },
    },
    {
      route: 'data-layer',
      expectFor: {
        [A]: () =>
          expect(main.getByTestId('dl-variableName')).toContainText('selwiseLayer', {
            timeout: 20_000,
          }),
        [B]: () =>
          expect(main.getByTestId('dl-variableName')).toContainText('lumenLayer', {
            timeout: 20_000,
          }),
      },
    },
    {
      route: 'snapshots/meta',
      expectFor: {
        [A]: async () => {
          await expect(main.getByTestId('snap-row-1')).toBeVisible({ timeout: 20_000 });
          await expect(main.getByTestId('drift-badge')).toHaveText(/known-good v1/, {
            timeout: 20_000,
          });
        },
        [B]: async () => {
          await expect(main.getByText('No snapshot yet')).toBeVisible({ timeout: 20_000 });
          await expect(main.getByTestId('snap-row-1')).toHaveCount(0);
        },
      },
    },
    {
      route: 'logs',
      expectFor: {
        [A]: () => expect(main.getByText('Orders to ERP')).toBeVisible({ timeout: 20_000 }),
        [B]: () => expect(main.getByText('Signups to CRM')).toBeVisible({ timeout: 20_000 }),
      },
    },
    {
      route: 'runbooks/ga4',
      expectFor: {
        [A]: () =>
          expect(main.getByRole('link', { name: 'Orders to ERP' })).toBeVisible({
            timeout: 20_000,
          }),
        [B]: () =>
          expect(main.getByRole('link', { name: 'Signups to CRM' })).toBeVisible({
            timeout: 20_000,
          }),
      },
    },
    {
      route: 'checklist',
      expectFor: {
        [A]: () =>
          expect(
            main.getByText('Owner Alice Nordwind; escalation Alice Nordwind pager.'),
          ).toBeVisible({
            timeout: 30_000,
          }),
        [B]: () =>
          expect(main.getByText('Owner Bruno Lumen; escalation Bruno Lumen pager.')).toBeVisible({
            timeout: 30_000,
          }),
      },
    },
  ];

  for (const screen of screens) {
    await page.goto(`${origin}/#/${screen.route}`);
    // A (slow) -> B at once, before A answered -> A -> B: each time only the selected site.
    for (const label of [A, B, A, B]) {
      await pick(page, label);
      await screen.expectFor[label]!(page);
      expect(await staleSeen(page), `${screen.route} after selecting ${label}`).toEqual([]);
    }
    // Quick flips while A's slow answers are still in flight.
    await pick(page, A);
    await pick(page, B);
    await screen.expectFor[B]!(page);
    await pick(page, A);
    await screen.expectFor[A]!(page);
    expect(await staleSeen(page), `${screen.route} after quick flips`).toEqual([]);
  }
});
