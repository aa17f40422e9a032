import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  apiCalls,
  CALL_NAMES,
  calls,
  fail,
  type CallContext,
  type Handlers,
} from '../../shared/bridge';
import { dispatch } from '../../main/host/dispatch';
import { createApiHandlers, createApiService } from '../../main/core/api';

/**
 * Hostile bridge input (fault case 16, docs/architecture.md): whatever arrives, the answer is a typed
 * rejection, no handler runs on bad input, nothing is written, and no prototype is polluted.
 */
const ran: string[] = [];
const spies = Object.fromEntries(
  CALL_NAMES.map((name) => [
    name,
    (input: unknown) => {
      ran.push(name);
      return Promise.resolve(input);
    },
  ]),
) as unknown as Handlers;
const ctx: CallContext = { client: 'fuzz' };
const API_NAMES = Object.keys(apiCalls) as (keyof typeof apiCalls)[];
const SITE = '3f1c2a9e-8b7d-4c6e-9f10-1234567890ab';

function clean(): boolean {
  const probe = {} as Record<string, unknown>;
  return (
    probe.polluted === undefined &&
    (Object.prototype as Record<string, unknown>).polluted === undefined
  );
}

describe('bridge fuzzing of the API calls', () => {
  it('random JSON for every call: rejected as validation unless the schema accepts it; never pollutes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...API_NAMES),
        fc.jsonValue({ maxDepth: 4 }),
        async (name, input) => {
          ran.length = 0;
          const accepted = calls[name].input.safeParse(input ?? {}).success;
          const result = await dispatch(spies, name, input, ctx, () => undefined);
          if (!accepted) {
            expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
            expect(ran).toEqual([]);
          }
          expect(clean()).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('__proto__ / constructor keys are inert', async () => {
    const payloads = [
      `{"__proto__":{"polluted":"yes"},"connectionId":"c1","siteId":"${SITE}"}`,
      `{"connectionId":"c1","siteId":"${SITE}","provider":"ga4","body":{"__proto__":{"polluted":"yes"},"config":{"__proto__":{"polluted":1}}}}`,
      `{"constructor":{"prototype":{"polluted":"yes"}},"connectionId":"c1","siteId":"${SITE}"}`,
    ];
    for (const name of API_NAMES) {
      for (const text of payloads) {
        ran.length = 0;
        const input: unknown = JSON.parse(text);
        const accepted = calls[name].input.safeParse(input).success;
        const result = await dispatch(spies, name, input, ctx, () => undefined);
        if (!accepted) expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
        expect(ran).toEqual(accepted ? [name] : []);
        expect(clean()).toBe(true);
      }
    }
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await dispatch(spies, name, {}, ctx, () => undefined)).toMatchObject({
        ok: false,
        error: { kind: 'validation' },
      });
    }
  });

  it('50 MB strings in any field are refused quickly', async () => {
    const huge = 'x'.repeat(50 * 1024 * 1024);
    const t0 = Date.now();
    ran.length = 0;
    const inputs: [keyof typeof apiCalls, unknown][] = [
      ['integrations.list', { connectionId: huge, siteId: SITE }],
      ['integrations.list', { connectionId: 'c1', siteId: huge }],
      ['integrations.get', { connectionId: 'c1', siteId: SITE, provider: huge }],
      ['integrations.list', { connectionId: 'c1', siteId: SITE, requestId: huge }],
      ['webhooks.get', { connectionId: 'c1', siteId: SITE, webhookId: huge }],
      [
        'webhooks.logs',
        { connectionId: 'c1', siteId: SITE, webhookId: 'wh1', limit: 5, offset: huge },
      ],
      ['api.cancel', { requestId: huge }],
      ['integrations.get', { connectionId: 'c1', siteId: SITE, provider: 'ga4', freshness: huge }],
    ];
    for (const [name, input] of inputs) {
      const result = await dispatch(spies, name, input, ctx, () => undefined);
      expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
      expect(JSON.stringify(result).length).toBeLessThan(10_000);
    }
    expect(ran).toEqual([]);
    // Refusal takes milliseconds; the bound only catches work proportional to (or worse than) 50 MB
    // per field, and is wide so a loaded CI machine does not fail it. The checks above are the contract.
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('../ and other path-escaping ids are refused at the bridge', async () => {
    // `__proto__` is refused for local ids; as a remote webhook id it is only a harmless path segment.
    const bad = [
      '../x',
      '..',
      '../../etc/passwd',
      'a/b',
      'a\\b',
      '%2e%2e',
      '',
      ' c1',
      'c1\u0000',
      '.',
      'x/../..',
    ];
    ran.length = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bad),
        fc.constantFrom('connectionId', 'siteId', 'webhookId'),
        async (id, field) => {
          const input = { connectionId: 'c1', siteId: SITE, webhookId: 'wh1', [field]: id };
          const result = await dispatch(spies, 'webhooks.get', input, ctx, () => undefined);
          expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
        },
      ),
    );
    for (const field of ['connectionId', 'siteId']) {
      const result = await dispatch(
        spies,
        'integrations.list',
        { connectionId: 'c1', siteId: SITE, [field]: '__proto__' },
        ctx,
        () => undefined,
      );
      expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    expect(ran).toEqual([]);
  });
});

describe('the real API handlers behind the dispatcher', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'fuzz-cache-'));
  const service = createApiService({
    connections: { resolve: (id) => Promise.resolve(fail('not_found', `No connection "${id}".`)) },
    cacheDir,
    proxyEnv: {},
    emit: () => undefined,
  });
  afterAll(async () => {
    await service.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });
  const handlers = { ...spies, ...createApiHandlers(service) } as Handlers;

  it('random input leaves no file behind and answers with typed errors only', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...API_NAMES),
        fc.anything({ maxDepth: 3 }),
        async (name, input) => {
          const result = await dispatch(handlers, name, input, ctx, () => undefined);
          if (!result.ok) expect(['validation', 'not_found']).toContain(result.error.kind);
        },
      ),
      { numRuns: 300 },
    );
    expect(readdirSync(cacheDir)).toEqual([]);
    expect(clean()).toBe(true);
  });

  it('an unknown connection is not_found, as data', async () => {
    const r = await dispatch(
      handlers,
      'integrations.list',
      { connectionId: 'nope', siteId: SITE },
      ctx,
      () => undefined,
    );
    expect(r).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });
});
