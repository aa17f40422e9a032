import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe-core on the current screen: zero serious or critical violations (the bar for "done"). */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} -> ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
  expect(serious, `axe violations on ${label}`).toEqual([]);
}

/** Screenshots of a screen in both themes, for a human to look at (test-results/screens). */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  // The frame scrolls inside <main>, so a "full page" shot would stop at the window: grow the
  // viewport to the content's height for the shot, then put it back.
  const viewport = page.viewportSize() ?? { width: 1360, height: 860 };
  const contentHeight = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.scrollHeight + main.getBoundingClientRect().top : document.body.scrollHeight;
  });
  await page.setViewportSize({
    width: viewport.width,
    height: Math.min(6000, Math.max(viewport.height, Math.ceil(contentHeight) + 16)),
  });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screens/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(viewport);
}
