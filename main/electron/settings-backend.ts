import Store from 'electron-store';
import type { SettingsBackend } from '../core/settings/backend';

/** Under Electron the settings document lives in electron-store (same file format as conf). */
export function createElectronStoreBackend(cwd: string): SettingsBackend {
  const store = new Store<Record<string, unknown>>({
    cwd,
    name: 'settings',
    clearInvalidConfig: false,
  });
  return {
    path: store.path,
    read: () => store.store,
    write: (doc) => {
      store.store = doc;
    },
  };
}
