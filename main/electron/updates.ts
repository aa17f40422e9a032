import type * as ElectronUpdater from 'electron-updater';
import type { AppUpdater } from 'electron-updater';

/**
 * Opt-in update checks (Settings > updatesEnabled, default off).
 *
 * Off means off: no network request, and electron-updater is not even loaded (it is imported
 * lazily, only when the operator has turned updates on). When on, and only in a packaged app,
 * the app checks the publish URL baked into resources/app-update.yml (electron-builder.yml
 * `publish`) at start-up and every `intervalMs`, downloads in the background and installs on quit,
 * with the OS notification electron-updater shows.
 */
export interface UpdateChecks {
  /** Why nothing runs ('disabled', 'not-packaged', 'failed'), or 'running'. */
  readonly state: 'disabled' | 'not-packaged' | 'running' | 'failed';
  stop(): void;
}

export interface UpdateDeps {
  /** Loads the updater; replaced in tests. */
  loadUpdater?: () => Promise<AppUpdater>;
  /** app.isPackaged; replaced in tests. */
  isPackaged?: () => Promise<boolean>;
  intervalMs?: number;
  log?: (message: string) => void;
}

const SIX_HOURS = 6 * 60 * 60 * 1000;

async function defaultLoadUpdater(): Promise<AppUpdater> {
  // electron-updater is CommonJS: its named export may sit on the default export.
  const mod: typeof ElectronUpdater & { default?: typeof ElectronUpdater } =
    await import('electron-updater');
  const updater: AppUpdater | undefined = mod.autoUpdater ?? mod.default?.autoUpdater;
  if (!updater) throw new Error('electron-updater exported no autoUpdater');
  return updater;
}

async function defaultIsPackaged(): Promise<boolean> {
  const { app } = await import('electron');
  return app.isPackaged;
}

export async function startUpdateChecks(
  enabled: boolean,
  deps: UpdateDeps = {},
): Promise<UpdateChecks> {
  const log = deps.log ?? ((m: string) => console.log(`[updates] ${m}`));
  if (!enabled) return { state: 'disabled', stop: () => undefined };
  if (!(await (deps.isPackaged ?? defaultIsPackaged)())) {
    log('updates are on, but this is not a packaged build: not checking');
    return { state: 'not-packaged', stop: () => undefined };
  }
  let updater: AppUpdater;
  try {
    updater = await (deps.loadUpdater ?? defaultLoadUpdater)();
  } catch (error) {
    log(`could not load electron-updater: ${String(error)}`);
    return { state: 'failed', stop: () => undefined };
  }
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.allowPrerelease = false;
  updater.allowDowngrade = false;
  updater.on('error', (error: Error) => log(`update check failed: ${error.message}`));
  updater.on('update-downloaded', (info: { version: string }) =>
    log(`update ${info.version} downloaded; installs on quit`),
  );

  const check = (): void => {
    updater
      .checkForUpdatesAndNotify()
      .catch((error: unknown) => log(`update check failed: ${String(error)}`));
  };
  check();
  const timer = setInterval(check, deps.intervalMs ?? SIX_HOURS);
  timer.unref();
  return {
    state: 'running',
    stop: () => {
      clearInterval(timer);
      updater.autoInstallOnAppQuit = false;
    },
  };
}
