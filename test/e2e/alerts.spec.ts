import type { Page } from '@playwright/test';
import { startWebhookReceiver } from '../fakes/webhook-receiver';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { bridge, site } from './bridge-helpers';
import { recordNotifications } from './notifications-helpers';
import { expect, test } from './fixtures';

/** The rounds the watch has finished, read from the Alerts data the screen shows. */
async function lastRound(page: Page): Promise<string | undefined> {
  const t = await site(page);
  const r = await bridge<{ watch: { lastRoundAt?: string } }>(page, 'alerts.list', {
    connectionId: t.connectionId,
  });
  return r.value?.watch.lastRoundAt;
}

// A busy shop (40 events/s, like the unit harness): purchases (4% of traffic) reach the five
// occurrences an "event with traffic" needs within a 5 s refresh cycle.
test.use({ opsArgs: ['--sandbox-rate', '40'] });

for (const drill of [
  { scenario: 'filter_suppression', title: /(GA4|Meta|Google Ads): \d+% of purchase filtered on / },
  { scenario: 'credentials_revoked', title: /Meta (failing|degraded) on / },
]) {
  test(`${drill.scenario} finds the operator on another screen: notification, title count, banner, Alerts screen, one POST`, async ({
    opsPage: page,
  }) => {
    test.setTimeout(120_000);
    const receiver = await startWebhookReceiver();
    try {
      const notifications = await recordNotifications(page);
      const t = await site(page);
      await bridge(page, 'settings.update', { refreshIntervalSec: 5, operatorName: 'Ada Ops' });
      await bridge(page, 'alerts.setOutbound', {
        connectionId: t.connectionId,
        url: receiver.url,
      });
      // The operator is on the Runbooks screen, not the Overview.
      await page.goto(new URL('/#/runbooks', page.url()).toString());
      await expect(page).toHaveTitle('Integration Ops');
      // A watch round has run on the healthy site before the drill starts.
      await expect.poll(() => lastRound(page), { timeout: 20_000 }).toBeTruthy();
      const before = (await lastRound(page))!;
      await bridge(page, 'drills.start', { ...t, scenario: drill.scenario });

      // Main raises it within two watch rounds of the drill (rounds, not seconds: a round takes
      // as long as its live reads do). The message shows what the watch saw if it does not.
      const rounds = new Set<string>();
      let seen = '';
      await expect
        .poll(
          async () => {
            const r = await bridge<{
              alerts: { title: string }[];
              watch: { lastRoundAt?: string };
            }>(page, 'alerts.list', { connectionId: t.connectionId });
            seen = JSON.stringify(r.value ?? r.error).slice(0, 2000);
            const found = r.value?.alerts.some((a) => drill.title.test(a.title));
            const at = r.value?.watch.lastRoundAt;
            if (at && at > before && !found) rounds.add(at);
            return found;
          },
          { timeout: 60_000, intervals: [250], message: `no ${drill.scenario} alert: ${seen}` },
        )
        .toBe(true);
      // Rounds that ended without it; the one that raised it is the next.
      expect(rounds.size + 1).toBeLessThanOrEqual(2);
      // ...and the operator on another screen sees it.
      await expect(page.getByTestId('alerts-banner')).toContainText(drill.title, {
        timeout: 30_000,
      });
      await expect(page).toHaveTitle(/^\(\d+\) Integration Ops$/);
      await expect.poll(notifications).toContainEqual(expect.stringMatching(drill.title));
      const view = (
        await bridge<{ alerts: { title: string }[] }>(page, 'alerts.list', {
          connectionId: t.connectionId,
        })
      ).value!;
      // One POST per alert raised, Slack/Teams-shaped.
      await expect.poll(() => receiver.received.length).toBe(view.alerts.length);
      const texts = receiver.received.map((r) => (JSON.parse(r.body) as { text: string }).text);
      expect(texts).toContainEqual(expect.stringMatching(drill.title));
      expect(new Set(texts).size).toBe(texts.length);

      await page.getByTestId('alerts-banner').getByRole('link', { name: 'Open Alerts' }).click();
      await expect(page).toHaveURL(/#\/alerts/);
      const row = page.getByTestId('alerts-table').getByRole('row', { name: drill.title }).first();
      await expect(row).toContainText('posted to the alert webhook');
      await expectAccessible(page, 'alerts');
      await screenshotBothThemes(page, `alerts-${drill.scenario}`);

      const open = Number(/^\((\d+)\)/.exec(await page.title())![1]);
      await row.getByRole('button', { name: /^Acknowledge / }).click();
      const ask = page.getByRole('dialog', { name: /^Acknowledge / });
      await ask.getByLabel('Note (optional)').fill('on it');
      await ask.getByRole('button', { name: 'Acknowledge' }).click();
      await expect(row).toContainText('acknowledged');
      await expect(page).toHaveTitle(
        open > 1 ? `(${open - 1}) Integration Ops` : 'Integration Ops',
      );
    } finally {
      await receiver.close();
    }
  });
}
