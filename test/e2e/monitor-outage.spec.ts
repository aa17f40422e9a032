import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { bridge } from './bridge-helpers';
import { expect, test } from './fixtures';
import { freePort, startApi, STANDALONE_TOKEN, stopApi } from './standalone-api';

type Entry = { type: string; override?: string; from?: string; to?: string };
const CYCLE_MINUTES = 0.5;

test('the API goes away during Monitor: "Logs unreachable since", "Monitoring incomplete", and known-good only with an explicit, journaled reason', async ({
  opsPage: page,
  ops,
}) => {
  test.setTimeout(150_000);
  const port = await freePort();
  const apiData = mkdtempSync(join(tmpdir(), 'ops-outage-api-'));
  let api = await startApi(port, apiData);
  try {
    const conn = await bridge<{ id: string }>(page, 'connections.save', {
      name: 'Remote API',
      baseUrl: `http://127.0.0.1:${port}/api/v1`,
      token: STANDALONE_TOKEN,
    });
    const t = { connectionId: conn.value!.id, siteId: api.siteId };
    await bridge(page, 'sites.save', { ...t, label: 'Remote shop' });
    await bridge(page, 'settings.update', { monitorMinimumMinutes: 0.05, operatorName: 'Ada Ops' });
    await bridge(page, 'runbooks.save', {
      ...t,
      target: 'ga4',
      runbook: { owner: 'Ada Ops', businessCycleMinutes: CYCLE_MINUTES },
    });

    // A change on the remote site up to Monitor, through the runbook.
    const started = await bridge<{ entries: { changeId?: string; type: string; body?: object }[] }>(
      page,
      'changes.start',
      { ...t, target: 'ga4' },
    );
    const changeId = started.value!.entries[0]!.changeId!;
    const baseline = started.value!.entries.find((e) => e.type === 'baseline')!.body as {
      testMode: boolean;
    };
    await bridge(page, 'changes.saveDraft', {
      changeId,
      body: { ...baseline, testMode: !baseline.testMode },
    });
    await bridge(page, 'changes.apply', { changeId });
    await page.goto(`${ops.origin}/#/changes/${changeId}`);
    await page.getByRole('button', { name: 'Check health' }).click({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Start monitoring' }).click();
    await expect(page.getByTestId('monitor-status')).toContainText('Monitoring until');

    // The API goes away: the monitor says since when it cannot read the logs.
    await stopApi(api.child);
    const unreachable = page.getByTestId('monitor-unreachable');
    await expect(unreachable).toContainText('Logs unreachable since', { timeout: 20_000 });
    await expectAccessible(page, 'monitor step, logs unreachable');
    await screenshotBothThemes(page, 'change-monitor-unreachable');

    // The window ends during the outage; the API comes back after it.
    const status = page.getByTestId('monitor-status');
    await expect(status).toContainText('Monitoring incomplete', { timeout: 60_000 });
    api = await startApi(port, apiData);

    // Known-good now asks for a second, explicit decision with a reason.
    await page.getByRole('button', { name: 'Mark known-good' }).click();
    const dialog = page.getByRole('dialog', {
      name: 'Mark known-good without a full business cycle?',
    });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Monitoring incomplete');
    await expectAccessible(page, 'override dialog');
    await screenshotBothThemes(page, 'change-override-dialog');
    const reason = 'API outage on the platform side; deliveries checked in the provider console';
    await dialog.getByLabel('Reason (kept in the change journal)').fill(reason);
    await dialog.getByRole('button', { name: 'Mark known-good anyway' }).click();
    await expect(page.getByTestId('outcome')).toContainText('known-good', { timeout: 20_000 });
    await expect(page.getByTestId('timeline')).toContainText(
      `closed without a full business cycle: ${reason}`,
    );
    await screenshotBothThemes(page, 'change-closed-override');

    const journal = await bridge<{ entries: Entry[] }>(page, 'changes.get', { changeId });
    const entries = journal.value!.entries;
    expect(entries.filter((e) => e.type === 'monitor_gap').length).toBeGreaterThan(0);
    expect(entries.at(-1)).toMatchObject({
      type: 'closed',
      override: `closed without a full business cycle: ${reason}`,
    });
  } finally {
    await stopApi(api.child);
  }
});
