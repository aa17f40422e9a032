import type { ProviderOutcome } from './providers/types';
import type { Prng } from './prng';

export const PROVIDER_MAX_ATTEMPTS = 3;

/** Throttling and 5xx are worth another attempt; auth failures and rejections are not. */
export const isRetryable = (o: ProviderOutcome) => o.kind === 'throttle' || o.kind === 'server';

/**
 * Exponential backoff with full-range jitter (x0.5..x1.5), never shorter than the provider's own
 * hint (Retry-After, retry_delay) scaled to the sandbox clock.
 */
export function backoffMs(
  attempt: number,
  baseMs: number,
  rng: Prng,
  hintMs = 0,
  hintScale = 1,
): number {
  const exp = baseMs * 2 ** Math.max(0, attempt - 1);
  const jittered = exp * (0.5 + rng.next());
  return Math.round(Math.max(jittered, hintMs * hintScale));
}
