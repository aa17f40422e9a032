import { afterAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../../fakes/poll';
import { CALL_NAMES, callChannel, eventChannel } from '../../../shared/bridge';
import {
  app,
  BrowserWindow,
  calls,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
} from '../../fakes/electron';

// The test runner's own listeners, present before main/index.ts installs its handler.
const runnerListeners = process.listeners('unhandledRejection');

// Imports the real Electron entry against the fake module: lifecycle order and wiring, for real.
describe('main/index.ts', () => {
  afterAll(async () => {
    const seen = calls.length;
    app.emit('will-quit', { preventDefault: () => undefined });
    // Shutdown is done when main/index.ts calls app.exit (after core.close); wait for that, not a fixed time.
    const deadline = Date.now() + 20_000;
    while (!calls.slice(seen).some((c) => c.startsWith('exit:'))) {
      if (Date.now() > deadline) throw new Error('app.exit was not called after will-quit');
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  it('enables the sandbox, registers app:// and takes the single-instance lock before ready', async () => {
    await import('../../../main/index');
    expect(calls).toContain('enableSandbox:before-ready');
    expect(calls).toContain('registerSchemes:before-ready');
    expect(calls).toContain('requestSingleInstanceLock');
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(BrowserWindow.all).toHaveLength(0);
  });

  it('after ready: permissions denied, protocol served, menu set, every call wired, one hardened window', async () => {
    app.__makeReady();
    const deadline = Date.now() + 20_000;
    while (BrowserWindow.all.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(BrowserWindow.all).toHaveLength(1);
    const win = BrowserWindow.all[0]!;
    expect(win.loadedUrl).toBe('app://ops/index.html');
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(String(win.options.webPreferences?.preload)).toMatch(/preload\.cjs$/);
    expect(session.defaultSession.permissionRequestHandler).toBeTypeOf('function');
    expect(protocol.handlers.has('app')).toBe(true);
    expect(Menu.current).not.toBeNull();
    for (const name of CALL_NAMES) expect(ipcMain.handlers.has(callChannel(name)), name).toBe(true);
    const info = (await ipcMain.__invoke(
      callChannel('app.info'),
      win.webContents.mainFrame,
      {},
    )) as {
      ok: boolean;
      value: { mode: string };
    };
    expect(info).toMatchObject({ ok: true, value: { mode: 'electron' } });
  });

  it('weakening token storage needs a native confirmation, not just a renderer call', async () => {
    const win = BrowserWindow.all[0]!;
    const update = (allow: boolean) =>
      ipcMain.__invoke(callChannel('settings.update'), win.webContents.mainFrame, {
        allowInsecureSecrets: allow,
      });
    dialog.nextResponse = 0;
    expect(await update(true)).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(dialog.shown).toHaveLength(1);
    dialog.nextResponse = 1;
    expect(await update(true)).toMatchObject({ ok: true, value: { allowInsecureSecrets: true } });
    expect(await update(false)).toMatchObject({ ok: true, value: { allowInsecureSecrets: false } });
    expect(dialog.shown).toHaveLength(2);
  });

  // Issue 13 case 1: Node's default ends the process on an unhandled rejection.
  it('an unhandled rejection anywhere in main is logged and shown in the window, never fatal', async () => {
    const win = BrowserWindow.all[0]!;
    const ours = process
      .listeners('unhandledRejection')
      .filter((l) => !runnerListeners.includes(l));
    expect(ours).toHaveLength(1);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // For this one rejection only main's handler listens (the runner would fail the run).
    for (const l of runnerListeners) process.off('unhandledRejection', l);
    try {
      void Promise.reject(new Error('injected fault in the Electron entry'));
      await eventually(
        () =>
          win.webContents.sent.find(
            (s) =>
              s.channel === eventChannel('app.notice') &&
              /injected fault in the Electron entry/.test(
                (s.payload as { message: string }).message,
              ),
          ),
        { what: 'the app.notice in the window' },
      );
    } finally {
      for (const l of runnerListeners) process.on('unhandledRejection', l);
    }
    expect(errors).toHaveBeenCalledWith(
      expect.stringMatching(
        /unhandled rejection: Error: injected fault in the Electron entry\n\s+at /,
      ),
    );
    errors.mockRestore();
    const info = (await ipcMain.__invoke(
      callChannel('app.info'),
      win.webContents.mainFrame,
      {},
    )) as {
      value: { notices: string[] };
    };
    expect(info.value.notices).toContainEqual(
      expect.stringMatching(/injected fault in the Electron entry/),
    );
    expect(calls.filter((c) => c.startsWith('exit:'))).toEqual([]);
  });
});
