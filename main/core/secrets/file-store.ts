import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { SecretBackendInfo } from '../../../shared/bridge';
import { quarantine, writeFileAtomic } from '../../base/atomic-file';
import type { DamageSink } from '../damage/register';
import { CiphertextMap } from './encrypted-file';
import type { SecretStore } from './types';

/**
 * Browser mode only, behind `--insecure-file-secrets`: AES-256-GCM ciphertext in a 0600 file, with
 * the key in another 0600 file beside it. That is obscurity, not protection against someone who can
 * read the folder, which is why it is opt-in and flagged as insecure on screen.
 */
export class FileSecretStore implements SecretStore {
  private readonly map: CiphertextMap;
  private keyPromise: Promise<Buffer> | undefined;

  constructor(
    private readonly dir: string,
    private readonly damage: DamageSink,
  ) {
    this.map = new CiphertextMap(join(dir, 'secrets.json'), damage);
  }

  info(): SecretBackendInfo {
    return {
      name: 'file (0600)',
      secure: false,
      available: true,
      warning: `Tokens are stored in ${this.dir} protected only by file permissions (--insecure-file-secrets).`,
    };
  }

  /** Memoised: two first writes at once must not each create a key (one token would be lost). */
  private loadKey(): Promise<Buffer> {
    this.keyPromise ??= this.readOrCreateKey();
    return this.keyPromise;
  }

  private async readOrCreateKey(): Promise<Buffer> {
    const path = join(this.dir, 'secrets.key');
    try {
      const raw = await fs.readFile(path);
      if (raw.length === 32) return raw;
      // A damaged key is kept aside (never overwritten silently); tokens sealed with it must be re-entered.
      const movedTo = await quarantine(path);
      this.damage({
        store: 'secrets',
        file: path,
        movedTo,
        reason: `is ${raw.length} bytes instead of 32 (damaged)`,
        lost: 'the key of the stored connection tokens, so the tokens: enter them again on the Connections screen',
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const fresh = randomBytes(32);
    await writeFileAtomic(path, fresh, 0o600);
    return fresh;
  }

  async get(ref: string): Promise<string | undefined> {
    const sealed = (await this.map.load()).get(ref);
    if (!sealed) return undefined;
    try {
      const buf = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', await this.loadKey(), buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      // A key that no longer matches: the token is missing, the operator is asked again.
      return undefined;
    }
  }

  async set(ref: string, value: string): Promise<void> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.loadKey(), iv);
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    await this.map.put(ref, Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'));
  }

  async delete(ref: string): Promise<void> {
    await this.map.put(ref, undefined);
  }
}
