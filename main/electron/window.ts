import { BrowserWindow, type WebPreferences } from 'electron';
import { isAllowedNavigation } from './navigation';
import { openExternal } from './open-external';

/** The hardened webPreferences of every window (Electron security checklist, items 2-4, 6, 8-12). */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** The one window factory: every window gets the same flags and the same guards. */
export function createMainWindow(preload: string, url: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Integration Ops',
    backgroundColor: '#111418',
    webPreferences: secureWebPreferences(preload),
  });
  const contents = win.webContents;
  contents.on('will-navigate', (event, target) => {
    if (!isAllowedNavigation(target)) event.preventDefault();
  });
  contents.on('will-redirect', (event, target) => {
    if (!isAllowedNavigation(target)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url: target }) => {
    // New windows are never created; allow-listed https documentation opens in the OS browser.
    void openExternal(target);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}
