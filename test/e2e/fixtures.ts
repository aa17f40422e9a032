import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

export interface OpsApp {
  /** The launch URL with the token, as printed by browser mode. */
  launchUrl: string;
  origin: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  /** Stop and start browser mode again on the same data folder (a restart). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const ENTRY = resolve(import.meta.dirname, '../../out/main/browser.js');

async function launch(
  dataDir: string,
  extraArgs: string[] = [],
): Promise<Omit<OpsApp, 'restart' | 'dataDir'>> {
  const child = spawn(process.execPath, [ENTRY, '--port', '0', '--data', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  let output = '';
  const launchUrl = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`browser mode did not start:\n${output}`)),
      20_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${output}`));
    });
  });
  const url = new URL(launchUrl);
  return {
    launchUrl,
    origin: url.origin,
    token: url.searchParams.get('token')!,
    process: child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/**
 * Each test gets its own browser-mode process and a fresh data folder (Insomnia's rule), with the
 * embedded sandbox as the default connection.
 */
export const test = base.extend<{ ops: OpsApp; opsPage: Page; opsArgs: string[] }>({
  /** Extra browser-mode flags for a test, e.g. test.use({ opsArgs: ['--sandbox-rate', '40'] }). */
  opsArgs: [[], { option: true }],
  ops: async ({ opsArgs }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ops-e2e-'));
    let current = await launch(dataDir, opsArgs);
    const app: OpsApp = {
      ...current,
      dataDir,
      async restart() {
        await current.stop();
        current = await launch(dataDir, opsArgs);
        Object.assign(app, current);
      },
      stop: () => current.stop(),
    };
    await use(app);
    await current.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
  /** A page already signed in through the launch URL, failing the test on any CSP violation. */
  opsPage: async ({ page, ops }, use) => {
    const violations: string[] = [];
    await page.exposeFunction('__reportCsp', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __reportCsp(v: string): void }).__reportCsp(
          `${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
        );
      });
    });
    // window.prompt/confirm/alert do not work under Electron: a native dialog in browser mode
    // would be a path the desktop app cannot take, so any of them fails the test.
    const nativeDialogs: string[] = [];
    page.on('dialog', (d) => {
      nativeDialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(ops.launchUrl);
    await use(page);
    expect(violations, 'CSP violations').toEqual([]);
    expect(nativeDialogs, 'native dialogs (window.prompt/confirm/alert)').toEqual([]);
  },
});

export { expect };
