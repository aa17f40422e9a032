import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiagnosticsRing } from '../../../main/core/api/diagnostics';
import { backoffDelay, parseRetryAfter } from '../../../main/core/api/retry';
import { scrubDeep, scrubText } from '../../../main/core/api/scrub';
import { DEFAULT_LIMITS } from '../../../main/core/api/types';

describe('Retry-After', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');
  it('reads seconds and HTTP dates, ignores garbage', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:02:00 GMT', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('backoff', () => {
  it('is jittered, grows with attempts and never exceeds the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, r) => {
          const d = backoffDelay(attempt, DEFAULT_LIMITS, () => r);
          const ceiling = Math.min(
            DEFAULT_LIMITS.backoffMaxMs,
            DEFAULT_LIMITS.backoffBaseMs * 2 ** (attempt - 1),
          );
          return d >= ceiling / 4 - 1 && d <= ceiling + 1;
        },
      ),
    );
    expect(backoffDelay(1, DEFAULT_LIMITS, () => 0)).not.toBe(
      backoffDelay(1, DEFAULT_LIMITS, () => 0.9),
    );
  });
});

describe('token scrubbing', () => {
  it('removes every occurrence, in nested values too, without touching prototypes', () => {
    const t = 'tok_abcdef123456';
    expect(scrubText(`a ${t} b ${t}`, [t])).toBe('a [redacted] b [redacted]');
    const nested = scrubDeep(JSON.parse(`{"x":["${t}"],"__proto__":{"polluted":"${t}"}}`), [t]);
    expect(JSON.stringify(nested)).not.toContain(t);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(scrubText('abc', ['a'])).toBe('abc');
  });
});

describe('diagnostics ring', () => {
  it('keeps the last 500 entries, newest first', () => {
    const ring = new DiagnosticsRing(500);
    for (let i = 0; i < 620; i++)
      ring.record({
        at: '',
        connectionId: 'c',
        method: 'GET',
        path: `/p${i}`,
        durationMs: 1,
        attempts: 1,
      });
    const list = ring.list();
    expect(list).toHaveLength(500);
    expect(list[0]!.path).toBe('/p619');
    expect(list[499]!.path).toBe('/p120');
  });
});
