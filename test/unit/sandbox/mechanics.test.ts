import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CANONICAL_EVENTS } from '../../../shared/contract';
import { getPath } from '../../../shared/domain/rules';
import { Router } from '../../../main/sandbox/router';
import { RateLimiter } from '../../../main/sandbox/rate-limit';
import { HttpError } from '../../../main/sandbox/errors';
import {
  signStandardWebhook,
  verifyStandardWebhook,
} from '../../../main/sandbox/sim/webhook-signing';
import { EventGenerator } from '../../../main/sandbox/sim/generator';
import { Prng } from '../../../main/sandbox/sim/prng';
import { backoffMs } from '../../../main/sandbox/sim/retry';
import { seedSites } from '../../../main/sandbox/seed';
import { writeFileAtomic } from '../../../main/base/atomic-file';
import { HealthWindow } from '../../../main/sandbox/sim/health-window';
import { isLoopbackUrl } from '../../../main/sandbox/sim/webhook-delivery';

describe('router', () => {
  const r = new Router();
  const names = new Map<unknown, string>();
  const h = (name: string) => {
    const fn = () => undefined;
    names.set(fn, name);
    return fn;
  };
  r.add('GET', '/s/:siteId/integrations/:provider', h('provider'));
  r.add('GET', '/s/:siteId/integrations/health', h('health'));
  r.add('PUT', '/s/:siteId/integrations/:provider', h('put'));
  test('fixed segments win over a wildcard, whatever the order', () => {
    const m = r.match('GET', '/s/1/integrations/health');
    expect(m.kind === 'found' && names.get(m.handler)).toBe('health');
    const p = r.match('GET', '/s/1/integrations/ga4');
    expect(p.kind === 'found' && p.params).toEqual({ siteId: '1', provider: 'ga4' });
  });
  test('a fixed segment with another method is 405, not the wildcard', () => {
    expect(r.match('PUT', '/s/1/integrations/health')).toEqual({
      kind: 'method_not_allowed',
      allow: ['GET'],
    });
    expect(r.match('GET', '/x')).toEqual({ kind: 'not_found' });
  });
});

describe('rate limiter', () => {
  test('counts per key, 429 with headers, resets after the window', () => {
    let now = 0;
    const rl = new RateLimiter(2, () => now);
    expect(rl.take('a')['x-ratelimit-remaining']).toBe('1');
    rl.take('a');
    rl.take('b');
    try {
      rl.take('a');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HttpError);
      expect((e as HttpError).status).toBe(429);
      expect((e as HttpError).headers?.['retry-after']).toBe('60');
    }
    now = 60_000;
    expect(rl.take('a')['x-ratelimit-remaining']).toBe('1');
  });
});

describe('Standard Webhooks signing', () => {
  const secret = `whsec_${Buffer.from('super secret key bytes').toString('base64')}`;
  test('round trip; tampering, wrong secret and old timestamps fail', () => {
    const now = 1_800_000_000;
    const sig = signStandardWebhook(secret, 'msg_1', now, '{"a":1}');
    expect(sig).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const hdr = { id: 'msg_1', timestamp: String(now), signature: sig };
    expect(verifyStandardWebhook(secret, hdr, '{"a":1}', now).ok).toBe(true);
    expect(
      verifyStandardWebhook(secret, { ...hdr, signature: `v1,bogus ${sig}` }, '{"a":1}', now).ok,
    ).toBe(true);
    expect(verifyStandardWebhook(secret, hdr, '{"a":2}', now).ok).toBe(false);
    expect(verifyStandardWebhook('whsec_b3RoZXI=', hdr, '{"a":1}', now).ok).toBe(false);
    expect(verifyStandardWebhook(secret, hdr, '{"a":1}', now + 301).ok).toBe(false);
  });
  test('matches the reference HMAC-SHA256 over "id.timestamp.body" with the decoded key', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', Buffer.from('super secret key bytes'))
      .update('m.5.b')
      .digest('base64');
    expect(signStandardWebhook(secret, 'm', 5, 'b')).toBe(`v1,${expected}`);
  });
});

describe('generator', () => {
  test("a test sample has none of live traffic's quirks; live traffic keeps them", () => {
    const g = new EventGenerator(new Prng(5), { domain: 'x.example', currency: 'EUR' });
    const samples = Array.from({ length: 2000 }, () => g.sample(1000, 'purchase').payload);
    const ctxOf = (p: Record<string, unknown>) => p.context as { gclid?: string };
    const orderOf = (p: Record<string, unknown>) => p.order as { currency: string };
    expect(samples.every((p) => orderOf(p).currency === 'EUR' && ctxOf(p).gclid)).toBe(true);
    const live = Array.from({ length: 2000 }, () => g.next(1000, 'purchase').payload);
    expect(live.some((p) => orderOf(p).currency === 'eur')).toBe(true);
    expect(live.some((p) => !ctxOf(p).gclid)).toBe(true);
  });

  test('deterministic for a seed, and every event carries its required fields', () => {
    const a = new EventGenerator(new Prng(3), { domain: 'x.example', currency: 'EUR' });
    const b = new EventGenerator(new Prng(3), { domain: 'x.example', currency: 'EUR' });
    const evA = Array.from({ length: 300 }, () => a.next(1000));
    const evB = Array.from({ length: 300 }, () => b.next(1000));
    expect(evA).toEqual(evB);
    const reverse: Record<string, string> = {
      begin_checkout: 'checkout_begin',
      view_item: 'product_view',
    };
    const byName = new Map<string, readonly (readonly string[])[]>(
      CANONICAL_EVENTS.map((e) => [e.name, e.required]),
    );
    for (const ev of evA) {
      const canonical = reverse[ev.name] ?? ev.name;
      const required = byName.get(canonical);
      expect(required, canonical).toBeDefined();
      for (const oneOf of required ?? [])
        expect(
          oneOf.some((p) => getPath(ev.payload, p) !== undefined),
          `${canonical} ${oneOf.join('|')}`,
        ).toBe(true);
    }
    expect(new Set(evA.map((e) => e.name)).size).toBeGreaterThan(8);
    expect(evA.some((e) => e.name === 'purchase')).toBe(true);
  });
  test('seed data is deterministic and differs across seeds', () => {
    expect(seedSites(5, 'http://127.0.0.1:1')).toEqual(seedSites(5, 'http://127.0.0.1:1'));
    expect(seedSites(5, 'http://127.0.0.1:1')[0]?.id).not.toBe(
      seedSites(6, 'http://127.0.0.1:1')[0]?.id,
    );
  });
});

describe('retry backoff', () => {
  test('grows exponentially with jitter and honours a provider hint', () => {
    const rng = new Prng(1);
    for (let n = 1; n <= 3; n++) {
      const d = backoffMs(n, 100, rng);
      expect(d).toBeGreaterThanOrEqual(50 * 2 ** (n - 1));
      expect(d).toBeLessThanOrEqual(150 * 2 ** (n - 1));
    }
    expect(backoffMs(1, 10, rng, 2000, 1)).toBe(2000);
  });
});

describe('health window', () => {
  test('counts slide out after the window', () => {
    let now = 1_000_000;
    const w = new HealthWindow(1, () => now);
    w.record('sent', 3);
    w.record('failed');
    expect(w.counts()).toMatchObject({ sent: 3, failed: 1 });
    now += 30_000;
    w.record('sent');
    expect(w.counts().sent).toBe(4);
    now += 45_000;
    expect(w.counts()).toMatchObject({ sent: 1, failed: 0 });
  });
});

describe('atomic writes and loopback guard', () => {
  test('writes whole files and leaves no temp files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atomic-'));
    try {
      const p = join(dir, 'f.json');
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          writeFileAtomic(p, JSON.stringify({ i, pad: 'x'.repeat(10_000) })),
        ),
      );
      const text = await readFile(p, 'utf8');
      expect(() => JSON.parse(text) as unknown).not.toThrow();
      expect(await readdir(dir)).toEqual(['f.json']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  test('loopback URLs only', () => {
    expect(isLoopbackUrl('http://127.0.0.1:8080/x')).toBe(true);
    expect(isLoopbackUrl('http://localhost/x')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:9/x')).toBe(true);
    expect(isLoopbackUrl('https://hooks.example.com/x')).toBe(false);
    expect(isLoopbackUrl('http://127.0.0.1.evil.example/x')).toBe(false);
  });
});
