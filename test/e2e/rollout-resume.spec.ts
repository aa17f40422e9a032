import { foldRollout, RolloutEntry } from '../../shared/domain/rollout';
import { bridge } from './changes-helpers';
import { expect, test } from './fixtures';
import { ga4, knownGoodSourceChange, planRollout, rolloutState, sites } from './fleet-helpers';
import { startStandaloneSandbox, type StandaloneSandbox } from './standalone-sandbox';

// Widens the gap between each PUT and its automatic test (a NODE_ENV=test seam in main/core/changes),
// so wave 2 takes long enough for the restart below to land inside it.
process.env.OPS_CHANGES_PAUSE_BEFORE_TEST_MS = '2500';
// The API runs on its own (it does not restart with the app); tokens survive the app's restart.
test.use({ opsArgs: ['--no-sandbox', '--insecure-file-secrets'] });

let api: StandaloneSandbox;
test.beforeAll(async () => {
  api = await startStandaloneSandbox({ fleetSites: 12 });
});
test.afterAll(() => api?.stop());

test('a restart in the middle of wave 2 resumes the rollout where it stopped and applies nothing twice', async ({
  opsPage: page,
  ops,
}) => {
  test.setTimeout(240_000);
  const saved = await bridge<{ id: string }>(page, 'connections.save', {
    name: 'Fleet API',
    baseUrl: api.url,
    token: api.token,
  });
  // Add the first demo shop and the 12 fleet sites by pasting the sandbox's own list.
  await page.goto(new URL('/#/fleet/add', page.url()).toString());
  await page.reload();
  await page.getByRole('combobox', { name: /^Connection/ }).selectOption(saved.value!.id);
  const list = [api.sites[0]!, ...api.sites.slice(2)].map((s) => `${s.id},${s.name}`).join('\n');
  await page.getByLabel('Site ids (and labels)').fill(list);
  await page.getByRole('button', { name: 'Check and add 13 sites' }).click();
  await expect(page.getByText('13 of 13 added')).toBeVisible({ timeout: 30_000 });

  await knownGoodSourceChange(page);
  const fleet = (await sites(page)).slice(1);
  await planRollout(page, '0.05');
  await page.getByRole('button', { name: 'Start rollout to 12 sites' }).click();
  // The confirmation names where the writes go: a connection saved without an environment counts
  // as production.
  const confirm = page.getByRole('dialog', { name: 'Roll out to 12 sites - PRODUCTION?' });
  await confirm.getByRole('button', { name: 'Start rollout' }).click();
  await expect(page).toHaveURL(/#\/fleet\/rollouts\/rol-/);
  const id = new URL(page.url()).hash.split('/')[3]!;

  // Wave 2 has begun and is not finished: its first site started, not all three.
  await expect
    .poll(
      async () => {
        const r = foldRollout(RolloutEntry.array().parse((await rolloutState(page, id)).entries));
        const started = Object.keys(r.changeOf).length;
        return r.wave === 1 && started >= 2 && started < 4;
      },
      { timeout: 90_000, intervals: [200] },
    )
    .toBe(true);
  await ops.restart();
  await page.goto(ops.launchUrl);
  await page.goto(new URL(`/#/fleet/rollouts/${id}`, page.url()).toString());
  const state = async () =>
    foldRollout(RolloutEntry.array().parse((await rolloutState(page, id)).entries));
  await expect.poll(async () => (await state()).status, { timeout: 180_000 }).not.toBe('running');
  const r = await state();
  expect(r.status, r.halt?.reason).toBe('completed');
  await expect(page.getByTestId('rollout-status')).toContainText('Rollout complete');
  const ledger = await api.ledger();
  for (const s of fleet) {
    // Exactly one PUT per site, counted by the API across the app's restart.
    expect(ledger.writes[s.siteId]?.['PUT ga4'] ?? 0, s.label).toBe(1);
    expect((await ga4(page, s)).eventMapping).toMatchObject({
      product_impression: 'view_item_list',
    });
    expect(r.changeOf[s.id], s.label).toBeDefined();
  }
});
