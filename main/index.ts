import { join } from 'node:path';
import { app, dialog, Menu, safeStorage, session, type BrowserWindow } from 'electron';
import { createCore, type Core } from './core/app-core';
import { DamageRegister } from './core/damage/register';
import { sweepStrayTempFiles } from './core/fs/stray-temp';
import { SafeStorageSecretStore } from './core/secrets/safe-storage-store';
import { SettingsStore } from './core/settings/settings-store';
import { buildAppMenu } from './electron/menu';
import { APP_ORIGIN } from './electron/navigation';
import { attachAnomalyNotifications } from './electron/notifications';
import { denyAllPermissions } from './electron/permissions';
import { handleAppProtocol, registerAppScheme } from './electron/protocol';
import { createElectronStoreBackend } from './electron/settings-backend';
import { startUpdateChecks } from './electron/updates';
import { createMainWindow } from './electron/window';
import { registerIpc } from './host/electron-ipc';
import { EventHub } from './host/event-hub';
import { installFaultHandlers } from './host/process-faults';
import { startSandbox } from './sandbox';

/**
 * Electron entry: lifecycle, single-instance lock, protocol, window, menu. Everything else is the
 * Electron-free core, shared with browser mode.
 */
const faults = installFaultHandlers();
app.enableSandbox();
registerAppScheme();

const windows: BrowserWindow[] = [];
const preload = join(import.meta.dirname, '../preload/preload.cjs');
const rendererDir = join(import.meta.dirname, '../renderer');

function openWindow(): BrowserWindow {
  const win = createMainWindow(preload, `${APP_ORIGIN}/index.html`);
  windows.push(win);
  win.on('closed', () => windows.splice(windows.indexOf(win), 1));
  return win;
}

async function start(): Promise<Core> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  handleAppProtocol(rendererDir);
  Menu.setApplicationMenu(buildAppMenu(app.isPackaged));

  const dataDir = app.getPath('userData');
  // Before any store opens (the single-instance lock is held): leftover temps are only debris.
  await sweepStrayTempFiles(dataDir);
  const damage = await DamageRegister.open(dataDir);
  const settings = await SettingsStore.open(dataDir, createElectronStoreBackend);
  // Opt-in only: with the setting off the updater module is never even loaded.
  void startUpdateChecks(settings.settings.updatesEnabled);
  const secrets = new SafeStorageSecretStore(
    safeStorage,
    dataDir,
    () => settings.settings.allowInsecureSecrets,
    damage.sink,
  );
  await secrets.init();
  const hub = new EventHub();
  const core = await createCore({
    identity: {
      version: app.getVersion(),
      mode: 'electron',
      dataDir,
      electronVersion: process.versions.electron,
    },
    settings,
    secrets,
    emit: hub.emit,
    damage,
    confirmInsecureSecrets: async () => {
      const { response } = await dialog.showMessageBox({
        type: 'warning',
        buttons: ['Cancel', 'Store tokens without a keyring'],
        defaultId: 0,
        cancelId: 0,
        title: 'Insecure token storage',
        message: 'No OS keyring is available.',
        detail:
          'Tokens would be encrypted with a key built into Electron, which does not protect them from anyone who can read your files. Only continue on a machine you trust.',
      });
      return response === 1;
    },
    startSandbox: (o) => startSandbox({ ...o, rateLimitPerMinute: 6000, historyEvents: 500 }),
  });
  faults.attach((message) => core.notify('error', message));
  registerIpc(core.handlers, hub, () => windows, core.clientGone);
  attachAnomalyNotifications(hub, () => windows, openWindow);
  openWindow();
  return core;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = windows[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  const ready = start();
  ready.catch((error: unknown) => {
    console.error('Integration Ops failed to start:', error);
    app.exit(1);
  });
  app.on('activate', () => {
    if (windows.length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    event.preventDefault();
    void ready.then((core) => core.close()).finally(() => app.exit(0));
  });
}
