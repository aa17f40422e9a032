import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  fail,
  OpsFailure,
  type BridgeError,
  type CallContext,
  type Connection,
} from '../../../shared/bridge';
import type { z } from 'zod';
import { createApiHandlers, createApiService, type ApiService } from '../../../main/core/api';
import { apiCalls } from '../../../shared/bridge/calls/api';
import type { ClientLimits } from '../../../main/core/api/types';
import type { ProxyEnv } from '../../../main/core/api/dispatcher';
import type { NewDamage } from '../../../main/core/damage/register';

export const TOKEN = 'tok_SECRET_0123456789abcdef';
export const SITE = '3f1c2a9e-8b7d-4c6e-9f10-1234567890ab';

/** Short limits so each fault resolves in well under a second or two. */
export const FAST: Partial<ClientLimits> = {
  connectTimeoutMs: 500,
  headersTimeoutMs: 500,
  bodyTimeoutMs: 800,
  deadlineMs: 1000,
  maxResponseBytes: 1024 * 1024,
  maxAttempts: 3,
  backoffBaseMs: 10,
  backoffMaxMs: 40,
  retryAfterCapMs: 2000,
};

type ApiCalls = typeof apiCalls;
/** The API's bridge handlers taking raw input, parsed first as the dispatcher does. */
export type ParsingHandlers = {
  [K in keyof ApiCalls]: (
    input: z.input<ApiCalls[K]['input']>,
    ctx: CallContext,
  ) => Promise<z.input<ApiCalls[K]['output']>>;
};

function parsing(service: ApiService): ParsingHandlers {
  const raw = createApiHandlers(service) as Record<string, (i: unknown, c: CallContext) => unknown>;
  const out: Record<string, (i: unknown, c: CallContext) => unknown> = {};
  for (const [name, spec] of Object.entries(apiCalls))
    out[name] = (i, c) => raw[name]!(spec.input.parse(i), c);
  return out as ParsingHandlers;
}

export interface Harness {
  service: ApiService;
  /** The bridge adapters over `service`, input parsed as the dispatcher does. */
  handlers: ParsingHandlers;
  events: { name: string; payload: unknown }[];
  /** Files the cache reported damaged (the damage register's sink). */
  damage: NewDamage[];
  ctx: CallContext;
  profile: Connection;
  cacheDir: string;
  dispose(): Promise<void>;
}

export function harness(opts: {
  baseUrl: string;
  limits?: Partial<ClientLimits>;
  profile?: Partial<Connection>;
  token?: string | undefined;
  proxyEnv?: ProxyEnv;
}): Harness {
  const cacheDir = mkdtempSync(join(tmpdir(), 'api-cache-'));
  const profile: Connection = {
    id: 'c1',
    name: 'Test',
    kind: 'remote',
    environment: 'production',
    color: 'red',
    baseUrl: opts.baseUrl,
    authScheme: 'bearer',
    hasToken: true,
    ...opts.profile,
  };
  const token = 'token' in opts ? opts.token : TOKEN;
  const events: Harness['events'] = [];
  const damage: NewDamage[] = [];
  const ctx: CallContext = { client: 'test' };
  const service = createApiService({
    emit: (name, payload) => events.push({ name, payload }),
    damage: (d) => damage.push(d),
    connections: {
      resolve: (id) =>
        id === profile.id
          ? Promise.resolve({ profile, token })
          : Promise.resolve(fail('not_found', `no connection ${id}`)),
    },
    cacheDir,
    limits: { ...FAST, ...opts.limits },
    proxyEnv: opts.proxyEnv ?? {},
  });
  return {
    service,
    handlers: parsing(service),
    events,
    damage,
    ctx,
    profile,
    cacheDir,
    async dispose() {
      await service.close();
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

/** Runs a call that must fail and returns its bridge error (never a raw exception). */
export async function failure(p: Promise<unknown>): Promise<BridgeError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(OpsFailure);
    return (error as OpsFailure).error;
  }
  throw new Error('expected the call to fail');
}

export const target = { connectionId: 'c1', siteId: SITE };

export const GA4 = {
  provider: 'ga4',
  enabled: true,
  testMode: false,
  config: { measurementId: 'G-ABCDEF1234' },
  eventMapping: {},
  reverseEventMapping: {},
  eventFilters: {},
};
