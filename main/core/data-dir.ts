import { homedir } from 'node:os';
import { join } from 'node:path';

/** Browser mode's default data folder: the OS's per-user application data directory. */
export function defaultDataDir(): string {
  const home = homedir();
  if (process.platform === 'darwin')
    return join(home, 'Library', 'Application Support', 'Integration Ops');
  if (process.platform === 'win32')
    return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Integration Ops');
  return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'integration-ops');
}
