import { join, resolve, sep } from 'node:path';

/** What one cached read is about: connection x site x resource (e.g. `integration.ga4`). */
export interface CacheKey {
  connectionId: string;
  siteId: string;
  resource: string;
}

// Each part becomes a path segment; a closed charset means no `..`, no separators, no drive letters.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;

function segment(value: string, what: string): string {
  if (!SEGMENT.test(value) || value.includes('..'))
    throw new Error(`unsafe cache ${what}: ${JSON.stringify(value.slice(0, 80))}`);
  return value;
}

/** The file of a key under `root`; throws rather than ever pointing outside it. */
export function cacheFile(root: string, key: CacheKey): string {
  const base = resolve(root);
  const file = resolve(
    join(
      base,
      segment(key.connectionId, 'connection'),
      segment(key.siteId, 'site'),
      `${segment(key.resource, 'resource')}.json`,
    ),
  );
  if (!file.startsWith(base + sep)) throw new Error('cache path escapes its directory');
  return file;
}
