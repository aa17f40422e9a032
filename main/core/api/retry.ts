import type { ClientLimits } from './types';

/** Statuses a GET may be retried on (429 and gateway/availability errors, as the API documents). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Retry-After as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 10.2.3).
 * Undefined when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * "Full jitter" exponential backoff: a random delay in [0, min(max, base * 2^n)], so many clients
 * hit by the same outage do not come back in lockstep.
 */
export function backoffDelay(
  attempt: number,
  limits: ClientLimits,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    limits.backoffMaxMs,
    limits.backoffBaseMs * 2 ** Math.max(0, attempt - 1),
  );
  // A floor of a quarter of the ceiling keeps a retry from landing immediately after a failure.
  return Math.round(ceiling / 4 + (random() * (ceiling * 3)) / 4);
}

/** Waits `ms`, or rejects as soon as `signal` aborts (a cancelled call must not sleep on). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
