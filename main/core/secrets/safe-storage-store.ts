import { join } from 'node:path';
import type { SecretBackendInfo } from '../../../shared/bridge';
import { OpsFailure } from '../../../shared/bridge';
import type { DamageSink } from '../damage/register';
import { CiphertextMap } from './encrypted-file';
import type { SecretStore } from './types';

/**
 * The slice of Electron's `safeStorage` we use, injected so this file runs on plain Node and in
 * tests. Electron 45 deprecates the sync API, so only the async one is used.
 */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(cipher: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend?(): string;
}

/**
 * Keychain / DPAPI / libsecret through safeStorage. On Linux without a keyring Electron falls back
 * to `basic_text`, a hard-coded key: refused unless the operator opted in (and then flagged).
 */
export class SafeStorageSecretStore implements SecretStore {
  private readonly map: CiphertextMap;
  private available = false;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    dir: string,
    private readonly allowBasicText: () => boolean,
    damage: DamageSink,
  ) {
    this.map = new CiphertextMap(join(dir, 'secrets.json'), damage);
  }

  /** Must run once after app ready; afterwards `info()` is accurate. */
  async init(): Promise<void> {
    this.available = await this.safeStorage.isAsyncEncryptionAvailable();
  }

  private backend(): string {
    return this.safeStorage.getSelectedStorageBackend?.() ?? 'os';
  }

  private basicText(): boolean {
    return this.backend() === 'basic_text';
  }

  info(): SecretBackendInfo {
    if (!this.available)
      return {
        name: 'safeStorage',
        secure: false,
        available: false,
        warning: 'The OS keychain is not available: tokens cannot be saved.',
      };
    if (this.basicText())
      return {
        name: 'safeStorage (basic_text)',
        secure: false,
        available: this.allowBasicText(),
        warning: this.allowBasicText()
          ? 'No keyring was found: tokens are encrypted with a built-in key, which does not protect them. You opted in to this.'
          : 'No keyring was found (basic_text backend). Tokens will not be saved unless you explicitly allow insecure storage in Settings.',
      };
    return { name: `safeStorage (${this.backend()})`, secure: true, available: true };
  }

  private ensureUsable(): void {
    const info = this.info();
    if (!info.available)
      throw new OpsFailure({
        kind: 'internal',
        message: info.warning ?? 'Secret storage is unavailable.',
      });
  }

  async get(ref: string): Promise<string | undefined> {
    const sealed = (await this.map.load()).get(ref);
    if (!sealed || !this.available) return undefined;
    try {
      const { result, shouldReEncrypt } = await this.safeStorage.decryptStringAsync(
        Buffer.from(sealed, 'base64'),
      );
      if (shouldReEncrypt) await this.set(ref, result);
      return result;
    } catch {
      // Keyring changed or ciphertext damaged: the token is treated as missing (never plaintext, never deleted).
      return undefined;
    }
  }

  async set(ref: string, value: string): Promise<void> {
    this.ensureUsable();
    const sealed = await this.safeStorage.encryptStringAsync(value);
    await this.map.put(ref, sealed.toString('base64'));
  }

  async delete(ref: string): Promise<void> {
    await this.map.put(ref, undefined);
  }
}
