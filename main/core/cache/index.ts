export { OfflineCache, type CachedRead, type CacheLookup } from './offline-cache';
export { cacheFile, type CacheKey } from './cache-key';
