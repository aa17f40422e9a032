import type { Connection } from '../../../shared/bridge';

/** Resolves a connection id to its profile and token; implemented by main/core/connections. */
export interface ConnectionResolver {
  /** Throws OpsFailure `not_found` for an unknown id. */
  resolve(connectionId: string): Promise<{ profile: Connection; token: string | undefined }>;
}

/**
 * Limits of one client. Defaults suit an operator's laptop; tests shrink them so fault cases run
 * in milliseconds rather than the minutes a real outage takes.
 */
export interface ClientLimits {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  /** Longest silence between two body chunks. */
  bodyTimeoutMs: number;
  /** Overall deadline of one attempt, from sending to the last body byte. */
  deadlineMs: number;
  maxResponseBytes: number;
  /** Attempts of a GET, the first included. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A Retry-After longer than this is not waited for: the call stops with `rate_limited`. */
  retryAfterCapMs: number;
  maxRedirects: number;
}

export const DEFAULT_LIMITS: ClientLimits = {
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 10_000,
  deadlineMs: 30_000,
  maxResponseBytes: 10 * 1024 * 1024,
  maxAttempts: 3,
  backoffBaseMs: 300,
  backoffMaxMs: 5_000,
  retryAfterCapMs: 15_000,
  maxRedirects: 3,
};

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';
