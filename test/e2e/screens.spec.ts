import { expectAccessible, screenshotBothThemes } from './a11y';
import { expect, test } from './fixtures';

/**
 * Every screen, as an operator sees it: no raw key on screen (`ga4`, `gads`, `webhook:<id>`,
 * `data-layer`, a webhook's UUID) outside code samples, accessible, and photographed in both themes.
 */
const SCREENS: [route: string, heading: RegExp, level?: number][] = [
  ['overview', /^Overview · /],
  ['providers/ga4', /^GA4 · /, 2],
  ['providers/meta', /^Meta · /, 2],
  ['providers/gads', /^Google Ads · /, 2],
  ['webhooks', /^Webhooks · /],
  ['logs', /^Logs$/],
  ['data-layer', /^Data layer · /],
  ['snapshots/ga4', /^Snapshots · GA4$/],
  ['snapshots/data-layer', /^Snapshots · Data layer$/],
  ['changes', /./],
  ['runbooks/ga4', /^Runbooks$/],
  ['checklist', /^Production checklist$/],
  ['drills', /^Drills · /],
  ['diagnostics', /^Diagnostics$/],
  ['connections', /^Connections and sites$/],
  ['settings', /^Settings$/],
];

const RAW = [
  /\bga4\b/,
  /\bgads\b/,
  /\bgoogle_ads\b/,
  /\bdata-layer\b/,
  /webhook:[A-Za-z0-9_-]+/,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/,
];

test('every screen names things by their display names, in both themes', async ({
  opsPage: page,
}) => {
  test.setTimeout(240_000);
  const origin = new URL(page.url()).origin;
  for (const [route, heading, level = 1] of SCREENS) {
    await page.goto(`${origin}/#/${route}`);
    await expect(page.getByRole('heading', { level, name: heading }).first()).toBeVisible();
    // Wait for the screen's data (no "Loading…" left in main).
    await expect(page.locator('main')).not.toContainText(/Loading|Checking…/, { timeout: 20_000 });
    const text = await page.evaluate(() => {
      const main = document.querySelector('main')!.cloneNode(true) as HTMLElement;
      // Code samples, ids and API paths are meant to be literal.
      main
        .querySelectorAll('code, .mono, pre, .cm-editor, textarea, option, [data-literal]')
        .forEach((n) => n.remove());
      return main.innerText;
    });
    const where = route === 'diagnostics' ? [] : RAW; // diagnostics lists raw API paths by design
    for (const raw of where) expect(text, `${route}: ${raw}`).not.toMatch(raw);
    await expectAccessible(page, route);
    await screenshotBothThemes(page, `screen-${route.replace('/', '-')}`);
  }
  // The command palette lists targets by name too.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog');
  await expect(palette).toBeVisible();
  const commands = await palette.innerText();
  for (const raw of RAW) expect(commands, `palette: ${raw}`).not.toMatch(raw);
  await screenshotBothThemes(page, 'screen-command-palette');
});
