import { OpsFailure, type BridgeError } from '../../../shared/bridge';
import type { TailStream } from '../../../shared/bridge/calls/tail';
import type { Invoke } from '../feature';
import type { Page } from './page-walker';

/** Where a tail reads pages from; the bridge's own logs calls in production, fakes in tests. */
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
 * Reads through `invoke`, so the tail gets the API client's timeouts, diagnostics and typed
 * errors. A stale (cached) answer means the API was not reached: that is a failure for a live
 * tail, reported as such rather than replayed as if it were fresh.
 */
export function invokeSource(invoke: Invoke, t: TailTarget): TailSource {
  return {
    async fetch(offset, limit, requestId) {
      // No offline copy: a tail polls every second and shows what arrives, not a last-known page.
      const base = {
        connectionId: t.connectionId,
        siteId: t.siteId,
        limit,
        offset,
        requestId,
        offlineCopy: false,
      };
      const answer =
        t.stream.kind === 'provider'
          ? await invoke('integrations.logs', { ...base, provider: t.stream.provider })
          : await invoke('webhooks.logs', { ...base, webhookId: t.stream.webhookId });
      if (answer.stale) {
        throw new OpsFailure({
          kind: 'offline',
          message:
            answer.staleReason ?? 'The API could not be reached; showing no cached log pages.',
        });
      }
      return { ...answer.data, rateLimit: answer.rateLimit };
    },
    cancel(requestId) {
      void invoke('api.cancel', { requestId }).catch(() => undefined);
    },
  };
}

export function toBridgeError(error: unknown): BridgeError {
  if (error instanceof OpsFailure) return error.error;
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
