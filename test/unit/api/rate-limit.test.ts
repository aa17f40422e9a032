import { describe, expect, it } from 'vitest';
import { readRateLimit } from '../../../main/core/api/rate-limit';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');

describe('X-RateLimit-* headers', () => {
  it('reads limit, remaining and a reset in seconds from now', () => {
    expect(
      readRateLimit(
        { 'x-ratelimit-limit': '600', 'x-ratelimit-remaining': '412', 'x-ratelimit-reset': '17' },
        NOW,
      ),
    ).toEqual({ limit: 600, remaining: 412, resetAt: '2026-12-01T12:00:17.000Z' });
  });

  it('reads a reset given as a Unix time', () => {
    expect(
      readRateLimit(
        {
          'x-ratelimit-limit': '100',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(NOW / 1000 + 60),
        },
        NOW,
      )?.resetAt,
    ).toBe('2026-12-01T12:01:00.000Z');
  });

  it('says nothing when the API announces no quota, or nonsense', () => {
    expect(readRateLimit({}, NOW)).toBeUndefined();
    expect(
      readRateLimit({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '3' }, NOW),
    ).toBeUndefined();
    expect(
      readRateLimit({ 'x-ratelimit-limit': '0', 'x-ratelimit-remaining': '0' }, NOW),
    ).toBeUndefined();
    expect(
      readRateLimit({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '-4' }, NOW),
    ).toEqual({ limit: 10, remaining: 0 });
  });
});
