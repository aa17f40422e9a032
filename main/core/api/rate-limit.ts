import type { RateLimitInfo } from '../../../shared/bridge/calls/api';

/**
 * The quota an answer announced (`X-RateLimit-Limit/Remaining/Reset`). Reset is read as seconds
 * from now, or as a Unix time when it is that large (both conventions exist in the wild).
 */
export function readRateLimit(
  headers: Record<string, string | undefined>,
  now: number,
): RateLimitInfo | undefined {
  const limit = Number(headers['x-ratelimit-limit']);
  const remaining = Number(headers['x-ratelimit-remaining']);
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || limit <= 0) return undefined;
  const reset = Number(headers['x-ratelimit-reset']);
  const info: RateLimitInfo = {
    limit: Math.floor(limit),
    remaining: Math.max(0, Math.floor(remaining)),
  };
  if (Number.isFinite(reset) && reset >= 0)
    info.resetAt = new Date(reset > 1e9 ? reset * 1000 : now + reset * 1000).toISOString();
  return info;
}
