import type { ProviderKey } from '../../../../shared/contract/providers';
import type { StoredIntegration } from '../../store/schema';
import type { SimEvent } from '../generator';
import type { Prng } from '../prng';

export interface Diagnostic {
  fieldPath: string;
  code: string;
  description: string;
}

/** What the simulated provider endpoint answered. `kind` drives retry and health decisions. */
export interface ProviderOutcome {
  ok: boolean;
  httpStatus: number;
  latencyMs: number;
  kind?: 'auth' | 'throttle' | 'server' | 'invalid' | 'rejected';
  error?: { code: string; message: string };
  retryAfterMs?: number;
  response: unknown;
}

/** Scenario pressure on the provider side, as probabilities per request. */
export interface Conditions {
  throttle: number;
  serverError: number;
  credentialsRevoked: boolean;
}

export interface SiteInfo {
  id: string;
  domain: string;
  currency: string;
}

export interface ProviderSim {
  key: ProviderKey;
  /** The request the platform would send, built from the mapped event. */
  build(
    ev: SimEvent,
    mappedEvent: string,
    integration: StoredIntegration,
    site: SiteInfo,
  ): Record<string, unknown>;
  /** The provider's payload rules. `blocking` ones make the provider reject the request. */
  validate(
    body: Record<string, unknown>,
    integration: StoredIntegration,
    now: number,
  ): { blocking: Diagnostic[]; warnings: Diagnostic[] };
  credentials(integration: StoredIntegration): {
    status: 'pass' | 'warn' | 'fail';
    message: string;
  };
  respond(
    body: Record<string, unknown>,
    integration: StoredIntegration,
    cond: Conditions,
    rng: Prng,
  ): ProviderOutcome;
  /** A redacted log summary: never ids of people, never the whole payload. */
  summary(body: Record<string, unknown>): Record<string, unknown>;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
