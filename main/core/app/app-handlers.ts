import type { appCalls, CallContext, Emit, HandlersOf } from '../../../shared/bridge';
import { OpsFailure, type AppInfo } from '../../../shared/bridge';
import type { SecretStore } from '../secrets/types';
import type { SettingsStore } from '../settings/settings-store';

export interface AppIdentity {
  version: string;
  mode: AppInfo['mode'];
  dataDir: string;
  electronVersion?: string;
}

export function createAppHandlers(
  identity: AppIdentity,
  settings: SettingsStore,
  secrets: SecretStore,
  notices: () => string[],
  emit: Emit,
  confirmInsecure?: () => Promise<boolean>,
): HandlersOf<typeof appCalls, CallContext> {
  return {
    'app.info': () =>
      Promise.resolve({
        name: 'Integration Ops',
        version: identity.version,
        mode: identity.mode,
        dataDir: identity.dataDir,
        platform: `${process.platform}-${process.arch}`,
        nodeVersion: process.versions.node,
        ...(identity.electronVersion ? { electronVersion: identity.electronVersion } : {}),
        secretBackend: secrets.info(),
        notices: notices(),
      }),
    'settings.get': () => Promise.resolve(settings.settings),
    'settings.update': async (patch) => {
      // Weakening secret storage is confirmed outside the renderer (a native dialog under
      // Electron, a command-line flag in browser mode), so a compromised page cannot switch it on
      // by itself. Without a way to confirm, it is refused.
      if (
        patch.allowInsecureSecrets === true &&
        !settings.settings.allowInsecureSecrets &&
        !(confirmInsecure && (await confirmInsecure()))
      )
        throw new OpsFailure({
          kind: 'cancelled',
          message: 'Insecure token storage was not enabled: it was not confirmed.',
        });
      const saved = settings.updateSettings(patch);
      // Every window (and browser tab) keeps its copy current: refresh interval, buffer size, name.
      emit('settings.changed', saved);
      return saved;
    },
  };
}
