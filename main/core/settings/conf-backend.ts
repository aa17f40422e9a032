import Conf from 'conf';
import type { SettingsBackend } from './backend';

/** Browser mode and tests: `conf` with an explicit folder (it writes atomically, same format as electron-store). */
export function createConfBackend(cwd: string): SettingsBackend {
  const conf = new Conf<Record<string, unknown>>({
    cwd,
    configName: 'settings',
    clearInvalidConfig: false,
    projectName: 'integration-ops',
  });
  return {
    path: conf.path,
    read: () => conf.store,
    write: (doc) => {
      conf.store = doc;
    },
  };
}
