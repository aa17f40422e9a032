import { expect, test } from './fixtures';

test('settings.changed keeps every window current: a change in one tab shows in the other', async ({
  opsPage: page,
}) => {
  const origin = new URL(page.url()).origin;
  await page.goto(`${origin}/#/overview`);
  await expect(page.getByTestId('refreshed-at')).toContainText('every 30 s');
  // A second window of the same operator (same session cookie), on Settings.
  const other = await page.context().newPage();
  await other.goto(`${origin}/#/settings`);
  const interval = other.getByLabel('Auto-refresh interval (seconds)');
  await interval.fill('45');
  await interval.blur();
  await expect(other.getByText('Saved.')).toBeVisible();
  // The first window never asked again: the event brought the new value.
  await expect(page.getByTestId('refreshed-at')).toContainText('every 45 s');
  await other.close();
});
