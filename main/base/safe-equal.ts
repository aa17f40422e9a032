import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time string comparison that leaks neither the value nor its length: both sides are
 * hashed to equal-length digests first. Used for every token and credential check.
 */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(
    createHash('sha256').update(a).digest(),
    createHash('sha256').update(b).digest(),
  );
}
