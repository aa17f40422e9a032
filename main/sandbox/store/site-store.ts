import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../base/atomic-file';
import { MetaFile, SCHEMA_VERSION, SiteFile, type SiteRecord } from './schema';

/** A sandbox file that could not be used: reported by whoever started the sandbox. */
export interface SandboxDamage {
  file: string;
  /** Absent when the file was missing rather than unreadable. */
  movedTo?: string;
  reason: string;
  lost: string;
}

export type LoadResult =
  | { kind: 'empty' }
  | {
      kind: 'loaded';
      meta: MetaFile;
      /** The meta file was damaged or missing and was rebuilt from the site files. */
      metaRebuilt: boolean;
      sites: SiteRecord[];
      /** Sites the meta file lists whose file was unusable: re-seeded by the caller. */
      damagedIds: string[];
    };

type Read<T> = { state: 'ok'; value: T } | { state: 'missing' } | { state: 'damaged' };

const SITE_FILE = /^([0-9a-f-]{36})\.json$/;

function stderrReport(d: SandboxDamage): void {
  process.stderr.write(
    `sandbox: ${d.file} ${d.reason}${d.movedTo ? `; moved to ${d.movedTo}` : ''}; ${d.lost}\n`,
  );
}

/**
 * One JSON file per site plus a meta file listing them. Writes are serialised per file and each is
 * atomic. A file that fails to parse is moved aside (never silently overwritten) and reported; only
 * what it held is replaced, every other site is kept as it was.
 */
export class SiteStore {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly dir: string,
    private readonly onDamage: (damage: SandboxDamage) => void = stderrReport,
  ) {}

  private sitePath(id: string): string {
    return join(this.dir, 'sites', `${id}.json`);
  }

  async load(seed: number): Promise<LoadResult> {
    await mkdir(join(this.dir, 'sites'), { recursive: true });
    const metaPath = join(this.dir, 'meta.json');
    const meta = await this.readValidated(
      metaPath,
      (raw) => MetaFile.parse(raw),
      () => 'the list of sandbox sites; it was rebuilt from the site files',
    );
    const onDisk = (await readdir(join(this.dir, 'sites')))
      .map((n) => SITE_FILE.exec(n)?.[1])
      .filter((id): id is string => id !== undefined)
      .sort();
    if (meta.state === 'missing' && onDisk.length === 0) return { kind: 'empty' };
    const ids = meta.state === 'ok' ? meta.value.siteIds : onDisk;
    const sites: SiteRecord[] = [];
    const damagedIds: string[] = [];
    for (const id of ids) {
      const lost = `the sandbox configs, webhooks and data layer of site ${id}; it is re-seeded with the demo data (other sites are kept)`;
      const file = await this.readValidated(
        this.sitePath(id),
        (raw) => SiteFile.parse(raw),
        () => lost,
      );
      if (file.state === 'ok') sites.push(file.value.site);
      else {
        if (file.state === 'missing')
          this.onDamage({ file: this.sitePath(id), reason: 'was missing', lost });
        damagedIds.push(id);
      }
    }
    if (sites.length === 0 && damagedIds.length === 0) return { kind: 'empty' };
    return {
      kind: 'loaded',
      meta:
        meta.state === 'ok'
          ? meta.value
          : { schemaVersion: SCHEMA_VERSION, seed, siteIds: ids.length ? ids : [] },
      metaRebuilt: meta.state !== 'ok',
      sites,
      damagedIds,
    };
  }

  private async readValidated<T>(
    path: string,
    parse: (raw: unknown) => T,
    lost: () => string,
  ): Promise<Read<T>> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
      throw err;
    }
    try {
      return { state: 'ok', value: parse(JSON.parse(text)) };
    } catch (err) {
      const movedTo = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(path, movedTo);
      this.onDamage({
        file: path,
        movedTo,
        reason:
          err instanceof SyntaxError
            ? 'is not valid JSON (truncated or corrupted)'
            : 'does not match the sandbox site format',
        lost: lost(),
      });
      return { state: 'damaged' };
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
