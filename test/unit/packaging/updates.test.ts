import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EventEmitter } from 'node:events';
import type { AppUpdater } from 'electron-updater';
import { describe, expect, it, vi } from 'vitest';
import { startUpdateChecks } from '../../../main/electron/updates';

// Updates are opt-in (Settings.updatesEnabled, default false): off means no network and the
// updater module is never loaded.
const root = resolve(import.meta.dirname, '../../..');

function fakeUpdater() {
  const emitter = new EventEmitter();
  const updater = Object.assign(emitter, {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowPrerelease: true,
    allowDowngrade: true,
    checkForUpdatesAndNotify: vi.fn(() => Promise.resolve(null)),
  });
  return updater;
}

describe('startUpdateChecks', () => {
  it('does nothing when updates are off: the updater is not even loaded', async () => {
    const loadUpdater = vi.fn();
    const isPackaged = vi.fn(() => Promise.resolve(true));
    const checks = await startUpdateChecks(false, {
      loadUpdater,
      isPackaged,
      log: () => undefined,
    });
    expect(checks.state).toBe('disabled');
    expect(loadUpdater).not.toHaveBeenCalled();
    expect(isPackaged).not.toHaveBeenCalled();
    checks.stop();
  });

  it('does not check from an unpackaged (development) build even when on', async () => {
    const loadUpdater = vi.fn();
    const checks = await startUpdateChecks(true, {
      loadUpdater,
      isPackaged: () => Promise.resolve(false),
      log: () => undefined,
    });
    expect(checks.state).toBe('not-packaged');
    expect(loadUpdater).not.toHaveBeenCalled();
  });

  it('when on in a packaged app: checks at start and on an interval, no prereleases or downgrades, stops cleanly', async () => {
    vi.useFakeTimers();
    try {
      const updater = fakeUpdater();
      const checks = await startUpdateChecks(true, {
        loadUpdater: () => Promise.resolve(updater as unknown as AppUpdater),
        isPackaged: () => Promise.resolve(true),
        intervalMs: 1000,
        log: () => undefined,
      });
      expect(checks.state).toBe('running');
      expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
      expect(updater).toMatchObject({
        autoDownload: true,
        autoInstallOnAppQuit: true,
        allowPrerelease: false,
        allowDowngrade: false,
      });
      await vi.advanceTimersByTimeAsync(2500);
      expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(3);
      checks.stop();
      await vi.advanceTimersByTimeAsync(5000);
      expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(3);
      expect(updater.autoInstallOnAppQuit).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a failing check or a missing module is logged, never thrown', async () => {
    const lines: string[] = [];
    const updater = fakeUpdater();
    updater.checkForUpdatesAndNotify.mockImplementation(() =>
      Promise.reject(new Error('ENOTFOUND updates.selwise.invalid')),
    );
    const checks = await startUpdateChecks(true, {
      loadUpdater: () => Promise.resolve(updater as unknown as AppUpdater),
      isPackaged: () => Promise.resolve(true),
      log: (m) => lines.push(m),
    });
    await vi.waitFor(() => expect(lines.join('\n')).toContain('ENOTFOUND'));
    updater.emit('error', new Error('bad signature'));
    expect(lines.join('\n')).toContain('bad signature');
    checks.stop();

    const failed = await startUpdateChecks(true, {
      loadUpdater: () => Promise.reject(new Error('Cannot find module')),
      isPackaged: () => Promise.resolve(true),
      log: (m) => lines.push(m),
    });
    expect(failed.state).toBe('failed');
  });

  it('imports electron-updater lazily only (no static import that would load it at start-up)', () => {
    const source = readFileSync(resolve(root, 'main/electron/updates.ts'), 'utf8');
    const staticImports = source
      .split('\n')
      .filter((l) => /^import\s/.test(l) && l.includes('electron-updater'));
    expect(staticImports.every((l) => /^import type\s/.test(l))).toBe(true);
    expect(source).toMatch(/await import\('electron-updater'\)/);
    expect(source).not.toMatch(/^import .* from 'electron';/m);
  });
});
