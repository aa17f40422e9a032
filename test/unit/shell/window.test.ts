import { beforeEach, describe, expect, it } from 'vitest';
import { shell, type BrowserWindow } from 'electron';
import { createMainWindow } from '../../../main/electron/window';
import { denyAllPermissions } from '../../../main/electron/permissions';
import { session } from 'electron';

type FakeWindow = BrowserWindow & {
  options: { webPreferences: Record<string, unknown> };
  loadedUrl: string;
  webContents: BrowserWindow['webContents'] & {
    __emitCancellable(name: string, ...args: unknown[]): boolean;
    windowOpenHandler?: (d: { url: string }) => { action: string };
  };
};

describe('window factory', () => {
  let win: FakeWindow;
  beforeEach(() => {
    (shell as unknown as { opened: string[] }).opened.length = 0;
    win = createMainWindow('/app/preload.cjs', 'app://ops/index.html') as unknown as FakeWindow;
  });

  it('creates every window with the hardened webPreferences', () => {
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(win.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(win.loadedUrl).toBe('app://ops/index.html');
  });

  it('denies navigation away from app://ops and allows our own pages', () => {
    expect(win.webContents.__emitCancellable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(win.webContents.__emitCancellable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(win.webContents.__emitCancellable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(win.webContents.__emitCancellable('will-navigate', 'app://ops/index.html#/logs')).toBe(
      false,
    );
  });

  it('prevents <webview> attachment', () => {
    expect(win.webContents.__emitCancellable('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies every new window; only allow-listed https links go to the OS browser', async () => {
    const handler = win.webContents.windowOpenHandler!;
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://docs.selwise.com/integrations/operations' })).toEqual({
      action: 'deny',
    });
    await new Promise((r) => setTimeout(r, 0));
    expect((shell as unknown as { opened: string[] }).opened).toEqual([
      'https://docs.selwise.com/integrations/operations',
    ]);
  });
});

describe('permission handler', () => {
  it('denies every permission request and check but writing to the clipboard', () => {
    const s = session.defaultSession as unknown as {
      permissionRequestHandler?: (wc: unknown, p: string, cb: (g: boolean) => void) => void;
      permissionCheckHandler?: (wc: unknown, p: string) => boolean;
    };
    denyAllPermissions(session.defaultSession);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      let granted: boolean | undefined;
      s.permissionRequestHandler!({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
    expect(s.permissionCheckHandler!({}, 'clipboard-read')).toBe(false);
    expect(s.permissionCheckHandler!({}, 'notifications')).toBe(false);
    // The copy buttons (diagnostics, snapshot bundles) must work under Electron as in a browser.
    expect(s.permissionCheckHandler!({}, 'clipboard-sanitized-write')).toBe(true);
    let write: boolean | undefined;
    s.permissionRequestHandler!({}, 'clipboard-sanitized-write', (g) => (write = g));
    expect(write).toBe(true);
    const fake = session.defaultSession as unknown as {
      devicePermissionHandler(): boolean;
      displayMediaHandler(r: unknown, cb: (s: object) => void): void;
    };
    expect(fake.devicePermissionHandler()).toBe(false);
    let streams: object | undefined;
    fake.displayMediaHandler({}, (s) => (streams = s));
    expect(streams).toEqual({});
  });
});
