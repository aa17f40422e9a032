import type { Page } from '@playwright/test';
import { foldRollout, RolloutEntry } from '../../shared/domain/rollout';
import { JournalEntry } from '../../shared/domain/workflow/entries';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { bridge } from './changes-helpers';
import { expect, test } from './fixtures';
import {
  ga4,
  knownGoodSourceChange,
  planRollout,
  rolloutState,
  sandboxPuts,
  sites,
  type FleetSite,
} from './fleet-helpers';

test.use({ opsArgs: ['--sandbox-sites', '12'] });

const rolloutIdOf = (url: string) => new URL(url).hash.split('/')[3]!;

test('rollout in waves 1/3/8 halts on a wave-2 drill with wave 3 untouched; Roll back this wave restores wave 2', async ({
  opsPage: page,
  ops,
}) => {
  test.setTimeout(180_000);
  const source = await knownGoodSourceChange(page);
  const all = await sites(page);
  const fleet = all.slice(2); // the 12 generated sites, in rollout order
  const [canary, ...rest] = fleet;
  const wave2 = rest.slice(0, 3);
  const wave3 = rest.slice(3);
  expect(wave3).toHaveLength(8);
  const before = new Map<string, Record<string, unknown>>();
  for (const s of fleet) before.set(s.id, await ga4(page, s));
  // A provider outage on the second site of wave 2: its mandatory test will fail.
  await bridge(page, 'drills.start', {
    connectionId: wave2[1]!.connectionId,
    siteId: wave2[1]!.siteId,
    scenario: 'provider_outage',
  });

  await page.goto(new URL(`/#/changes/${source}`, page.url()).toString());
  await planRollout(page, '0.1');
  await expectAccessible(page, 'rollout planner');
  await screenshotBothThemes(page, 'rollout-plan');
  await page.getByRole('button', { name: 'Start rollout to 12 sites' }).click();
  // The confirmation names where the writes go: 12 sites of the sandbox.
  const confirm = page.getByRole('dialog', { name: 'Roll out to 12 sites - Sandbox?' });
  await expect(confirm).toBeVisible();
  await expectAccessible(page, 'rollout confirmation');
  await screenshotBothThemes(page, 'rollout-confirm');
  await confirm.getByRole('button', { name: 'Start rollout' }).click();
  await expect(page).toHaveURL(/#\/fleet\/rollouts\/rol-/);
  const id = rolloutIdOf(page.url());

  const state = async () =>
    foldRollout(RolloutEntry.array().parse((await rolloutState(page, id)).entries));
  await expect.poll(async () => (await state()).status, { timeout: 90_000 }).not.toBe('running');
  const halted = await state();
  expect(halted.halt?.key, halted.halt?.reason).toBe(wave2[1]!.id);
  await expect(page.getByText('Rollout halted')).toBeVisible();
  await expect(page.getByTestId('halt-reason')).toContainText(
    new RegExp(`Wave 2: The mandatory test failed on ${wave2[1]!.label}`),
  );
  await expect(page.getByTestId('wave-1')).toContainText('passed');
  // Nothing of wave 3 was touched: configs as before (read from the API), not one PUT.
  for (const s of wave3) {
    expect(await ga4(page, s)).toEqual(before.get(s.id));
    expect(sandboxPuts(ops, s.siteId)).toBe(0);
  }
  await expectAccessible(page, 'rollout halted');
  await screenshotBothThemes(page, 'rollout-halted');

  const cleared = await bridge(page, 'drills.clear', {
    connectionId: wave2[1]!.connectionId,
    siteId: wave2[1]!.siteId,
  });
  expect(cleared.ok).toBe(true);
  await page.getByRole('button', { name: 'Roll back this wave' }).click();
  // The question names the sites it restores (the two wave-2 sites with a change) and where.
  const rollBack = page.getByRole('dialog', { name: 'Roll back wave 2 on 2 sites - Sandbox?' });
  await rollBack.getByRole('button', { name: 'Roll back wave 2' }).click();
  await expect(page.getByTestId('rollout-status')).toContainText('Wave 2 rolled back', {
    timeout: 60_000,
  });
  const r = await state();
  expect(r.rolledBack?.results.map((x) => [x.key, x.ok, x.testOk])).toEqual([
    [wave2[0]!.id, true, true],
    [wave2[1]!.id, true, true],
  ]);
  for (const s of wave2) expect(await ga4(page, s)).toEqual(before.get(s.id));
  expect((await ga4(page, canary!)).eventMapping).toMatchObject({
    product_impression: 'view_item_list',
  });
  // The journal: one change per touched site, each linked to this rollout; none elsewhere.
  for (const s of fleet) {
    const linked = await changesOfRollout(page, s, id);
    expect(linked, s.label).toHaveLength([canary, wave2[0], wave2[1]].includes(s) ? 1 : 0);
  }
  await screenshotBothThemes(page, 'rollout-rolled-back');
});

async function changesOfRollout(page: Page, s: FleetSite, id: string) {
  const list = (
    await bridge<{ id: string }[]>(page, 'changes.list', {
      connectionId: s.connectionId,
      siteId: s.siteId,
    })
  ).value!;
  const linked: string[] = [];
  for (const c of list) {
    const view = await bridge<{ entries: unknown[] }>(page, 'changes.get', { changeId: c.id });
    const first = JournalEntry.parse(view.value!.entries[0]);
    if (first.type === 'started' && first.rollout?.id === id) linked.push(c.id);
  }
  return linked;
}
