import type { SecretBackendInfo } from '../../../shared/bridge';
import type { SecretStore } from './types';

/** Tokens kept for this process only: browser mode's default, and tests. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  constructor(private readonly warning?: string) {}

  info(): SecretBackendInfo {
    return {
      name: 'memory',
      secure: true,
      available: true,
      warning:
        this.warning ?? 'Tokens are kept in memory only and must be entered again after a restart.',
    };
  }
  get(ref: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(ref));
  }
  set(ref: string, value: string): Promise<void> {
    this.values.set(ref, value);
    return Promise.resolve();
  }
  delete(ref: string): Promise<void> {
    this.values.delete(ref);
    return Promise.resolve();
  }
}
