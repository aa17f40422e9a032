import { HttpError } from './errors';

interface Window {
  startedAt: number;
  count: number;
}

/**
 * Fixed one-minute window per client token. Real APIs vary; this one is simple, predictable in
 * drills and gives the client every header it needs to back off. `X-RateLimit-Reset` is the number
 * of seconds until the window resets (documented in the README section).
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 60_000,
  ) {}

  /** Returns the headers to add to the response, or throws a 429 carrying them. */
  take(key: string): Record<string, string> {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.startedAt >= this.windowMs) {
      w = { startedAt: t, count: 0 };
      this.windows.set(key, w);
    }
    const resetSec = Math.max(1, Math.ceil((w.startedAt + this.windowMs - t) / 1000));
    const headers = {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.limit - w.count - 1)),
      'x-ratelimit-reset': String(resetSec),
    };
    if (w.count >= this.limit) {
      throw new HttpError(
        429,
        `Rate limit of ${this.limit} requests per minute exceeded; retry in ${resetSec} s`,
        undefined,
        undefined,
        {
          ...headers,
          'x-ratelimit-remaining': '0',
          'retry-after': String(resetSec),
        },
      );
    }
    w.count++;
    return headers;
  }
}
