import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../base/atomic-file';
import { MetaFile, SCHEMA_VERSION, SiteFile, type SiteRecord } from './schema';

export type LoadResult =
  { kind: 'empty' } | { kind: 'loaded'; meta: MetaFile; sites: SiteRecord[] };

/**
 * One JSON file per site plus a meta file listing them. Writes are serialised per file and each is
 * atomic. A file that fails to parse is moved aside (never silently overwritten) and reported.
 */
export class SiteStore {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly dir: string,
    private readonly warn: (msg: string) => void = (m) => process.stderr.write(`${m}\n`),
  ) {}

  private sitePath(id: string): string {
    return join(this.dir, 'sites', `${id}.json`);
  }

  async load(): Promise<LoadResult> {
    await mkdir(join(this.dir, 'sites'), { recursive: true });
    const meta = await this.readValidated(join(this.dir, 'meta.json'), (raw) =>
      MetaFile.parse(raw),
    );
    if (!meta) return { kind: 'empty' };
    const sites: SiteRecord[] = [];
    for (const id of meta.siteIds) {
      const file = await this.readValidated(this.sitePath(id), (raw) => SiteFile.parse(raw));
      if (file) sites.push(file.site);
    }
    // A missing or quarantined site file means the data folder is damaged: start over from the
    // seed rather than serve a half state, and say so (the corrupt files stay for inspection).
    if (sites.length !== meta.siteIds.length) {
      this.warn(
        'sandbox: some site files were missing or corrupt; re-seeding (damaged files kept as *.corrupt-*)',
      );
      return { kind: 'empty' };
    }
    return { kind: 'loaded', meta, sites };
  }

  private async readValidated<T>(path: string, parse: (raw: unknown) => T): Promise<T | undefined> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    try {
      return parse(JSON.parse(text));
    } catch (err) {
      const aside = `${path}.corrupt-${Date.now()}`;
      await rename(path, aside);
      this.warn(
        `sandbox: ${path} is unreadable (${(err as Error).message.slice(0, 200)}); moved to ${aside}`,
      );
      return undefined;
    }
  }

  saveMeta(meta: MetaFile): Promise<void> {
    return this.enqueue('meta', join(this.dir, 'meta.json'), JSON.stringify(meta, null, 2));
  }

  /** Serialises now (so queued writes keep call order) and resolves once the file is durable. */
  saveSite(site: SiteRecord): Promise<void> {
    const text = JSON.stringify({ schemaVersion: SCHEMA_VERSION, site }, null, 2);
    return this.enqueue(site.id, this.sitePath(site.id), text);
  }

  private enqueue(key: string, path: string, text: string): Promise<void> {
    const prev = this.queues.get(key) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(() => writeFileAtomic(path, text));
    this.queues.set(key, next);
    return next;
  }

  async flush(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
  }
}
