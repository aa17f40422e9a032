import { z } from 'zod';
import { loadJsonFile, saveJsonFile } from '../fs/json-file';

/** The on-disk map of ciphertexts shared by the file-backed stores (base64, never plaintext). */
export const CiphertextFile = z.object({
  schemaVersion: z.literal(1),
  secrets: z.record(z.string(), z.string()),
});
export type CiphertextFile = z.infer<typeof CiphertextFile>;

export class CiphertextMap {
  private cache: Map<string, string> | undefined;
  constructor(
    private readonly path: string,
    private readonly onNotice: (message: string) => void,
  ) {}

  async load(): Promise<Map<string, string>> {
    if (this.cache) return this.cache;
    const loaded = await loadJsonFile(this.path, CiphertextFile);
    if (loaded.state === 'quarantined')
      this.onNotice(`The secrets file ${loaded.reason}; it was moved to ${loaded.movedTo}. Enter the tokens again.`);
    this.cache = new Map(loaded.state === 'ok' ? Object.entries(loaded.value.secrets) : []);
    return this.cache;
  }

  async put(ref: string, ciphertext: string | undefined): Promise<void> {
    const map = await this.load();
    if (ciphertext === undefined) map.delete(ref);
    else map.set(ref, ciphertext);
    await saveJsonFile(this.path, { schemaVersion: 1, secrets: Object.fromEntries(map) });
  }
}
