import type { Page } from '@playwright/test';

/** Records desktop notifications instead of showing them (the renderer's browser-mode path). */
export async function recordNotifications(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const shown: string[] = [];
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string, opts?: { body?: string }) {
        shown.push(`${title}: ${opts?.body ?? ''}`);
      }
    }
    Object.assign(window, { Notification: FakeNotification, __notifications: shown });
  });
  await page.reload();
  return () =>
    page.evaluate(() => (window as unknown as { __notifications: string[] }).__notifications);
}
