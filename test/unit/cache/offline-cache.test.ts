import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFile, OfflineCache } from '../../../main/core/cache';

const SITE = '3f1c2a9e-8b7d-4c6e-9f10-1234567890ab';
const key = { connectionId: 'c1', siteId: SITE, resource: 'integration.ga4' };
const Item = z.looseObject({ provider: z.string(), enabled: z.boolean() });
let dir: string;
let cache: OfflineCache;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cache-'));
  cache = new OfflineCache(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('OfflineCache', () => {
  it('round-trips data, etag and fetch time, keeping unknown fields', async () => {
    await cache.put(key, {
      data: { provider: 'ga4', enabled: true, extra: 1 },
      etag: '"e"',
      fetchedAt: '2026-11-26T10:00:00.000Z',
    });
    expect(await cache.get(key, Item)).toEqual({
      state: 'hit',
      entry: {
        data: { provider: 'ga4', enabled: true, extra: 1 },
        etag: '"e"',
        fetchedAt: '2026-11-26T10:00:00.000Z',
      },
    });
  });

  it('forgets one connection entirely and keeps the others', async () => {
    const other = { ...key, connectionId: 'c2' };
    await cache.put(key, {
      data: { provider: 'ga4', enabled: true },
      etag: undefined,
      fetchedAt: '2026-11-26T10:00:00.000Z',
    });
    await cache.put(other, {
      data: { provider: 'ga4', enabled: false },
      etag: undefined,
      fetchedAt: '2026-11-26T10:00:00.000Z',
    });
    await cache.forget('c1');
    expect(await cache.get(key, Item)).toEqual({ state: 'missing' });
    expect((await cache.get(other, Item)).state).toBe('hit');
    expect(readdirSync(dir)).toEqual(['c2']);
  });

  it('reports a missing entry', async () => {
    expect(await cache.get(key, Item)).toEqual({ state: 'missing' });
  });

  it('writes atomically: no temp file left, one file per key, private mode', async () => {
    await cache.put(key, {
      data: { provider: 'ga4', enabled: true },
      etag: undefined,
      fetchedAt: new Date().toISOString(),
    });
    await cache.put(key, {
      data: { provider: 'ga4', enabled: false },
      etag: undefined,
      fetchedAt: new Date().toISOString(),
    });
    const files = readdirSync(join(dir, 'c1', SITE));
    expect(files).toEqual(['integration.ga4.json']);
    expect(JSON.parse(readFileSync(join(dir, 'c1', SITE, files[0]!), 'utf8'))).toMatchObject({
      version: 1,
      data: { enabled: false },
    });
  });

  it.each([
    ['truncated JSON', '{"version":1,"fetch'],
    ['empty file', ''],
    ['wrong envelope', '{"version":1}'],
    [
      'data of the wrong shape',
      JSON.stringify({ version: 1, fetchedAt: '2026-11-26T10:00:00.000Z', data: { provider: 5 } }),
    ],
    [
      'a newer format version',
      JSON.stringify({ version: 2, fetchedAt: '2026-11-26T10:00:00.000Z', data: {} }),
    ],
  ])('moves a file with %s aside as *.corrupt-<time>', async (_what, content) => {
    const file = cacheFile(dir, key);
    await cache.put(key, {
      data: { provider: 'ga4', enabled: true },
      etag: undefined,
      fetchedAt: new Date().toISOString(),
    });
    writeFileSync(file, content);
    const r = await cache.get(key, Item);
    expect(r.state).toBe('quarantined');
    const files = readdirSync(join(dir, 'c1', SITE));
    expect(files.some((f) => /^integration\.ga4\.json\.corrupt-/.test(f))).toBe(true);
    expect(files).not.toContain('integration.ga4.json');
  });

  it.each([
    { connectionId: '..', siteId: SITE, resource: 'x' },
    { connectionId: 'c1', siteId: '../../etc', resource: 'x' },
    { connectionId: 'c1', siteId: SITE, resource: '../passwd' },
    { connectionId: 'c1', siteId: SITE, resource: 'a/b' },
    { connectionId: 'c1', siteId: SITE, resource: 'a..b' },
    { connectionId: '', siteId: SITE, resource: 'x' },
  ])('refuses a key that could leave the cache directory: %o', (bad) => {
    expect(() => cacheFile(dir, bad)).toThrow(/unsafe cache/);
  });
});
