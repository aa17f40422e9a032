import { z } from 'zod';
import type { DamageSink } from '../damage/register';
import { loadJsonFile, saveJsonFile } from '../fs/json-file';

/** The on-disk map of ciphertexts shared by the file-backed stores (base64, never plaintext). */
export const CiphertextFile = z.object({
  schemaVersion: z.literal(1),
  secrets: z.record(z.string(), z.string()),
});
export type CiphertextFile = z.infer<typeof CiphertextFile>;

export class CiphertextMap {
  private loading: Promise<Map<string, string>> | undefined;
  /** Writes are chained so an older snapshot of the map never lands after a newer one. */
  private writing: Promise<void> = Promise.resolve();
  constructor(
    private readonly path: string,
    private readonly damage: DamageSink,
  ) {}

  load(): Promise<Map<string, string>> {
    this.loading ??= this.read();
    return this.loading;
  }

  private async read(): Promise<Map<string, string>> {
    const loaded = await loadJsonFile(this.path, CiphertextFile, { newestVersion: 1 }).catch(
      (error: unknown) => {
        this.loading = undefined; // a newer-version file stays refused on every attempt, never replaced
        throw error;
      },
    );
    if (loaded.state === 'quarantined')
      this.damage({
        store: 'secrets',
        file: this.path,
        movedTo: loaded.movedTo,
        reason: loaded.reason,
        lost: 'the stored connection tokens (as ciphertext): enter them again on the Connections screen',
      });
    return new Map(loaded.state === 'ok' ? Object.entries(loaded.value.secrets) : []);
  }

  async put(ref: string, ciphertext: string | undefined): Promise<void> {
    const map = await this.load();
    if (ciphertext === undefined) map.delete(ref);
    else map.set(ref, ciphertext);
    const write = this.writing.then(() =>
      saveJsonFile(this.path, { schemaVersion: 1, secrets: Object.fromEntries(map) }),
    );
    this.writing = write.catch(() => undefined);
    await write;
  }
}
