import type { z } from 'zod';
import { OpsFailure, type Emit, type Fetched, type Freshness } from '../../../shared/bridge';
import type { OfflineCache } from '../cache';
import type { CancelRegistry } from './cancels';
import { ApiFailure, type Answer } from './client';
import type { ConnectivityTracker } from './connectivity';
import type { ClientPool, PooledApi } from './pool';

export interface Target {
  connectionId: string;
  siteId: string;
  requestId?: string | undefined;
}

export type { Freshness };

type Fetch<T> = (pooled: PooledApi, cancel: AbortSignal) => Promise<Answer<T>>;

/** Gateway answers mean "the API behind me is unreachable" as much as a refused connection does. */
const GATEWAY = new Set([502, 503, 504]);

function mayServeStale(e: ApiFailure): boolean {
  return (
    e.unreachable ||
    e.error.kind === 'offline' ||
    (e.error.kind === 'http' && GATEWAY.has(e.error.status ?? 0))
  );
}

/** Whether a failed read means "the API could not be reached" (rather than a refusal by it). */
export function isUnreachable(error: unknown): error is ApiFailure {
  return error instanceof ApiFailure && mayServeStale(error);
}

/**
 * The two policies on top of the per-connection clients: display reads fall back to the offline
 * cache, live reads and writes refuse to pretend.
 */
export class ApiCalls {
  constructor(
    private readonly pool: ClientPool,
    private readonly cache: OfflineCache,
    private readonly connectivity: ConnectivityTracker,
    private readonly cancels: CancelRegistry,
    private readonly emit: Emit,
    private readonly now: () => number,
  ) {}

  /**
   * `persist: false` skips the offline copy: live log tails poll every second, and a disk write per
   * poll would buy nothing (a tail shows what arrives, not a last-known page).
   */
  async read<S extends z.ZodType>(
    t: Target,
    resource: string,
    schema: S,
    fetch: Fetch<z.output<S>>,
    opts: { freshness: Freshness; persist?: boolean },
  ): Promise<Fetched<z.output<S>>> {
    const key = { connectionId: t.connectionId, siteId: t.siteId, resource };
    const pooled = await this.pool.get(t.connectionId);
    const call = this.cancels.open(t.requestId);
    try {
      const answer = await fetch(pooled, call.signal);
      this.connectivity.report(t.connectionId, true);
      const fetchedAt = new Date(this.now()).toISOString();
      if (opts.persist !== false)
        await this.cache
          .put(key, { data: answer.data, etag: answer.etag, fetchedAt })
          .catch((error: unknown) => {
            // A full disk must not hide fresh data; the operator is told the offline copy is not updated.
            const why = (error as NodeJS.ErrnoException).code ?? 'write failed';
            this.emit('app.notice', {
              level: 'warning',
              message: `The offline cache could not be updated (${why}).`,
            });
          });
      return {
        data: answer.data,
        ...(answer.etag ? { etag: answer.etag } : {}),
        fetchedAt,
        stale: false,
        ...(answer.rateLimit ? { rateLimit: answer.rateLimit } : {}),
      };
    } catch (error) {
      if (!(error instanceof ApiFailure) || !mayServeStale(error)) throw error;
      if (error.unreachable) this.connectivity.report(t.connectionId, false, error.error.message);
      if (opts.freshness === 'live') throw error;
      const cached = await this.cache.get(key, schema);
      if (cached.state === 'hit') {
        const e = cached.entry;
        return {
          data: e.data,
          ...(e.etag ? { etag: e.etag } : {}),
          fetchedAt: e.fetchedAt,
          stale: true,
          staleReason: error.error.message,
        };
      }
      if (cached.state === 'quarantined') {
        // Reported on screen by the cache itself (the damage register); the error says it too.
        const note = `The offline copy ${cached.reason} and was moved aside as ${cached.movedTo}.`;
        throw new OpsFailure({ ...error.error, message: `${error.error.message} ${note}` });
      }
      throw new OpsFailure({
        ...error.error,
        message: `${error.error.message} No offline copy is available yet.`,
      });
    } finally {
      call.close();
    }
  }

  /** Writes are sent now or refused; never queued. */
  async write<T>(t: Target, send: Fetch<T>): Promise<Answer<T>> {
    const pooled = await this.pool.get(t.connectionId);
    const call = this.cancels.open(t.requestId);
    try {
      const answer = await send(pooled, call.signal);
      this.connectivity.report(t.connectionId, true);
      return answer;
    } catch (error) {
      if (!(error instanceof ApiFailure) || !error.unreachable) throw error;
      this.connectivity.report(t.connectionId, false, error.error.message);
      if (!error.sent) {
        refuseOffline(error);
      }
      throw new OpsFailure({
        ...error.error,
        message: `${error.error.message} The change may or may not have been applied: re-read before trying again.`,
      });
    } finally {
      call.close();
    }
  }
}

function refuseOffline(error: ApiFailure): never {
  throw new OpsFailure({
    kind: 'offline',
    message: `Offline: ${error.error.message} The change was NOT sent and nothing was queued; apply it again once the API is reachable.`,
  });
}
