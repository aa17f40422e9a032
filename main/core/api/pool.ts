import type { Connection } from '../../../shared/bridge';
import { RequestBudget, type BudgetOptions } from '../scheduler/request-budget';
import { systemClock, type Clock } from '../../base/clock';
import { ApiClient } from './client';
import type { DiagnosticsRing } from './diagnostics';
import { createDispatcher, type ProxyEnv } from './dispatcher';
import { SelwiseApi } from './endpoints';
import type { ClientLimits, ConnectionResolver } from './types';

export interface PooledApi {
  api: SelwiseApi;
  profile: Connection;
}

/**
 * One client per connection, created on first use and reused (keep-alive). A profile change must
 * call `invalidate`: the next call then builds a client with the new URL, proxy, CA and token.
 */
export class ClientPool {
  private readonly clients = new Map<string, Promise<PooledApi>>();
  /** Kept across client rebuilds: what a connection learned about its rate limit stays. */
  private readonly budgets = new Map<string, RequestBudget>();
  constructor(
    private readonly resolver: ConnectionResolver,
    private readonly limits: ClientLimits,
    private readonly env: ProxyEnv,
    private readonly diagnostics: DiagnosticsRing,
    private readonly now: () => number,
    private readonly budgetOptions: Partial<BudgetOptions> = {},
    private readonly clock: Clock = systemClock,
  ) {}

  /** The request scheduler of a connection (one per connection, created on first use). */
  budget(connectionId: string): RequestBudget {
    let b = this.budgets.get(connectionId);
    if (!b) {
      b = new RequestBudget(this.clock, this.budgetOptions);
      this.budgets.set(connectionId, b);
    }
    return b;
  }

  get(connectionId: string): Promise<PooledApi> {
    let pending = this.clients.get(connectionId);
    if (!pending) {
      pending = this.create(connectionId);
      this.clients.set(connectionId, pending);
      // A failed build (unknown id, unreadable CA file) is not cached: the operator will fix it.
      pending.catch(() => {
        if (this.clients.get(connectionId) === pending) this.clients.delete(connectionId);
      });
    }
    return pending;
  }

  private async create(connectionId: string): Promise<PooledApi> {
    const { profile, token } = await this.resolver.resolve(connectionId);
    const dispatcher = await createDispatcher(profile, this.limits, this.env);
    const client = new ApiClient(
      connectionId,
      profile,
      token,
      dispatcher,
      this.limits,
      this.diagnostics,
      this.now,
      Math.random,
      this.budget(connectionId),
    );
    return { api: new SelwiseApi(client), profile };
  }

  /**
   * Drops the client(s); calls already made (in flight, queued in the budget, between retries)
   * finish on the old client, which then closes. `drain: false` (the app closing) closes at once.
   */
  async invalidate(connectionId?: string, { drain = true } = {}): Promise<void> {
    const ids = connectionId === undefined ? [...this.clients.keys()] : [connectionId];
    const closing: Promise<void>[] = [];
    for (const id of ids) {
      const pending = this.clients.get(id);
      this.clients.delete(id);
      if (pending)
        closing.push(
          pending.then(
            (p) => (drain ? p.api.client.drainAndClose() : p.api.client.close()),
            () => undefined,
          ),
        );
    }
    await Promise.all(closing);
  }
}
