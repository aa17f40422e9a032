import { OpsFailure, type BridgeError } from '../../../shared/bridge';
import type { TailStream } from '../../../shared/bridge/calls/tail';
import type { ApiService } from '../api';
import type { Page } from './page-walker';

/** Where a tail reads pages from: the API service in production, fakes in tests. */
export interface TailSource {
  fetch(offset: number, limit: number, requestId: string): Promise<Page>;
  /** Aborts an in-flight request, including the API client's own retry sleep. */
  cancel(requestId: string): void;
}

export interface TailTarget {
  connectionId: string;
  siteId: string;
  stream: TailStream;
}

/**
 * Reads through the API service, so the tail gets the client's timeouts, diagnostics and typed
 * errors. Reads are `live`: a tail shows what arrives, so an unreachable API is a failure the
 * operator sees in the status line, never a cached page replayed as if it were fresh.
 */
export function apiSource(api: ApiService, t: TailTarget): TailSource {
  const site = { connectionId: t.connectionId, siteId: t.siteId };
  return {
    fetch(offset, limit, requestId) {
      // No offline copy: a tail polls every second and shows what arrives, not a last-known page.
      const page = { limit, offset, persist: false };
      const target = { ...site, requestId };
      return (
        t.stream.kind === 'provider'
          ? api.reads.integrationLogs(target, t.stream.provider, page, 'live')
          : api.reads.webhookLogs(target, t.stream.webhookId, page, 'live')
      ).then((answer) => ({ ...answer.data, rateLimit: answer.rateLimit }));
    },
    cancel(requestId) {
      api.cancel(requestId);
    },
  };
}

export function toBridgeError(error: unknown): BridgeError {
  if (error instanceof OpsFailure) return error.error;
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
