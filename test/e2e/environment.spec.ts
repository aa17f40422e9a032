import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectAccessible, screenshotBothThemes } from './a11y';
import { expect, test } from './fixtures';

/** A second API for the "production" connection: the standalone sandbox on its own port. */
async function startApi(
  token: string,
): Promise<{ url: string; siteIds: string[]; stop(): void; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ops-prod-api-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      resolve(import.meta.dirname, '../../out/main/sandbox.js'),
      '--port',
      '0',
      '--data',
      dir,
      '--seed',
      '7',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SANDBOX_TOKEN: token } },
  );
  let out = '';
  const ready = await new Promise<{ url: string; siteIds: string[] }>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`sandbox did not start:\n${out}`)), 20_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /Sandbox Integrations API: (\S+)/.exec(out)?.[1];
      const sites = /Sites: (.+)/.exec(out)?.[1];
      if (url && sites) {
        clearTimeout(timer);
        ok({ url, siteIds: sites.split(',').map((s) => s.trim()) });
      }
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  });
  return { ...ready, dir, stop: () => void child.kill('SIGTERM') };
}

test('production is unmistakable: the header on every screen and the write confirmations name it', async ({
  opsPage: page,
}) => {
  test.setTimeout(120_000);
  const token = 'prod-token-for-the-e2e-test-0123456789';
  const api = await startApi(token);
  try {
    const origin = new URL(page.url()).origin;
    // The embedded sandbox says so.
    await expect(page.getByRole('banner').getByTestId('environment-badge')).toHaveText('Sandbox');

    // Add a connection: the environment must be chosen (nothing preselected).
    await page.goto(`${origin}/#/connections`);
    await page.getByRole('button', { name: 'Add connection' }).click();
    const form = page.getByRole('form', { name: 'Add a connection' });
    await form.getByLabel('Name').fill('Selwise EU');
    await form.getByLabel('Base URL').fill(api.url);
    await form.getByLabel('Token').fill(token);
    await expect(form.getByRole('button', { name: 'Save connection' })).toBeDisabled();
    await form.getByRole('radio', { name: 'Production' }).check();
    await expect(form.getByLabel('Colour')).toHaveValue('red');
    await expectAccessible(page, 'add connection with environment');
    await screenshotBothThemes(page, 'connections-add-production');
    await form.getByRole('button', { name: 'Save connection' }).click();
    await expect(page.getByRole('article', { name: 'Connection Selwise EU' })).toBeVisible();

    await page.getByRole('button', { name: 'Add site' }).click();
    const siteForm = page.getByRole('form', { name: 'Add a site' });
    await siteForm.getByLabel('Connection').selectOption({ label: 'Selwise EU' });
    await siteForm.getByLabel('Label').fill('Nordwind Outdoor');
    await siteForm.getByLabel('Site id').fill(api.siteIds[0]!);
    await siteForm.getByRole('button', { name: /Save/ }).click();
    await page.getByRole('combobox', { name: 'Site' }).selectOption({ label: 'Nordwind Outdoor' });

    // The header says PRODUCTION on every screen.
    for (const route of [
      'overview',
      'providers/meta',
      'webhooks',
      'data-layer',
      'snapshots',
      'changes',
      'runbooks',
      'checklist',
      'logs',
    ]) {
      await page.goto(`${origin}/#/${route}`);
      await expect(page.getByRole('banner').getByTestId('environment-badge'), route).toHaveText(
        'PRODUCTION',
      );
      await expect(page.getByRole('banner').getByTestId('environment-badge')).toHaveAttribute(
        'data-environment',
        'production',
      );
    }

    // A rollback confirmation names the action, the site and the environment; Cancel writes nothing.
    await page.goto(`${origin}/#/providers/meta`);
    await page.getByRole('button', { name: 'Disable Meta' }).click();
    const ask = page.getByRole('dialog', {
      name: 'Disable Meta on Nordwind Outdoor - PRODUCTION?',
    });
    await expect(ask).toBeVisible();
    await expect(ask).toContainText('Connection Selwise EU');
    await expectAccessible(page, 'production rollback confirmation');
    await screenshotBothThemes(page, 'rollback-confirm-production');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(ask).toBeHidden();
    await expect(page.getByTestId('rollback-result')).toHaveCount(0);
  } finally {
    api.stop();
    rmSync(api.dir, { recursive: true, force: true });
  }
});
