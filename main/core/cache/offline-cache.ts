import { rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import type { DamageSink } from '../damage/register';
import { loadJsonFile, saveJsonFile } from '../fs/json-file';
import { cacheFile, type CacheKey } from './cache-key';

const CACHE_VERSION = 1;

/** The stored envelope; `data` is validated again with the resource's own schema on read. */
function entrySchema<S extends z.ZodType>(data: S) {
  return z.object({
    version: z.literal(CACHE_VERSION),
    fetchedAt: z.iso.datetime(),
    etag: z.string().optional(),
    data,
  });
}

export interface CachedRead<T> {
  data: T;
  etag: string | undefined;
  fetchedAt: string;
}

export type CacheLookup<T> =
  | { state: 'hit'; entry: CachedRead<T> }
  | { state: 'missing' }
  /** The file was unreadable and moved aside; the operator must be told (never a silent reset). */
  | { state: 'quarantined'; movedTo: string; reason: string };

/**
 * Last-known API state per connection x site x resource, for offline use. One small JSON file per
 * read, written atomically (temp + fsync + rename) so a crash never leaves half a file behind.
 */
export class OfflineCache {
  constructor(
    private readonly dir: string,
    private readonly damage: DamageSink = () => undefined,
  ) {}

  async put<T>(key: CacheKey, entry: CachedRead<T>): Promise<void> {
    const record = {
      version: CACHE_VERSION,
      fetchedAt: entry.fetchedAt,
      ...(entry.etag ? { etag: entry.etag } : {}),
      data: entry.data,
    };
    await saveJsonFile(cacheFile(this.dir, key), record);
  }

  async get<S extends z.ZodType>(key: CacheKey, schema: S): Promise<CacheLookup<z.output<S>>> {
    const file = cacheFile(this.dir, key);
    const loaded = await loadJsonFile(file, entrySchema(schema));
    if (loaded.state === 'missing') return loaded;
    if (loaded.state === 'quarantined') {
      this.damage({
        store: 'cache',
        file,
        movedTo: loaded.movedTo,
        reason: loaded.reason,
        lost: `the offline copy of ${key.resource} for site ${key.siteId} (connection ${key.connectionId}); it is fetched again when the API answers`,
      });
      return { state: 'quarantined', movedTo: basename(loaded.movedTo), reason: loaded.reason };
    }
    const v = loaded.value as { fetchedAt: string; etag?: string | undefined; data: z.output<S> };
    return { state: 'hit', entry: { data: v.data, etag: v.etag, fetchedAt: v.fetchedAt } };
  }

  /**
   * Drops every cached read of a connection: when it is removed, or now points at another server,
   * its last-known state no longer describes anything it can reach.
   */
  async forget(connectionId: string): Promise<void> {
    const anySite = cacheFile(this.dir, { connectionId, siteId: 'x', resource: 'x' });
    await rm(dirname(dirname(anySite)), { recursive: true, force: true });
  }
}
