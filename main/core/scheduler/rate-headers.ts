import { parseRetryAfter } from '../api/retry';

/** What an answer says about the budget (absent fields: the API did not say). */
export interface RateSignal {
  limit: number | undefined;
  remaining: number | undefined;
  /** When the current window ends (epoch ms). */
  resetAt: number | undefined;
  /** How long the window still runs when the answer was sent (ms): teaches the window length. */
  resetInMs: number | undefined;
  /** A 429's Retry-After, as epoch ms. */
  retryAt: number | undefined;
}

function int(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** First header present among names (APIs spell them X-RateLimit-*, RateLimit-* or X-Rate-Limit-*). */
function pick(headers: Record<string, string | undefined>, names: string[]): string | undefined {
  for (const n of names) if (headers[n] !== undefined) return headers[n];
  return undefined;
}

/**
 * Reads X-RateLimit-Limit / -Remaining / -Reset (and the common variants). Reset is seconds from
 * now (our sandbox, the IETF draft) or, when it is larger than a billion, epoch seconds (GitHub).
 */
export function readRateSignal(
  status: number,
  headers: Record<string, string | undefined>,
  now: number,
): RateSignal {
  const limit = int(pick(headers, ['x-ratelimit-limit', 'ratelimit-limit', 'x-rate-limit-limit']));
  const remaining = int(
    pick(headers, ['x-ratelimit-remaining', 'ratelimit-remaining', 'x-rate-limit-remaining']),
  );
  const reset = int(pick(headers, ['x-ratelimit-reset', 'ratelimit-reset', 'x-rate-limit-reset']));
  let resetAt: number | undefined;
  let resetInMs: number | undefined;
  if (reset !== undefined) {
    resetAt = reset > 1e9 ? reset * 1000 : now + reset * 1000;
    resetInMs = Math.max(0, resetAt - now);
  }
  const retry = status === 429 ? parseRetryAfter(headers['retry-after'], now) : undefined;
  return {
    limit: limit && limit > 0 ? limit : undefined,
    remaining,
    resetAt,
    resetInMs,
    retryAt: retry === undefined ? undefined : now + retry,
  };
}
