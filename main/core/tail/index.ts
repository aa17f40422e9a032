import {
  OpsFailure,
  type CallContext,
  type ClientId,
  type Emit,
  type HandlersOf,
} from '../../../shared/bridge';
import type { tailCalls } from '../../../shared/bridge/calls/tail';
import { systemClock } from '../../base/clock';
import type { ApiService } from '../api';
import type { Feature } from '../feature';
import { TailRegistry, type RegistryOptions } from './registry';
import { apiSource, type TailTarget } from './source';
import type { RetainFeed } from './tail';

export type TailHandlers = HandlersOf<typeof tailCalls, CallContext>;

export interface TailFeature extends Feature<TailHandlers> {
  /** A window or tab went away: its tails stop. */
  clientGone: (client: ClientId) => void;
}

/**
 * Live log tails: each `tail.start` polls one provider or webhook log through the API service and
 * pushes deduplicated batches as `tail.batch` events to the client that started it.
 */
export function createTailFeature(
  deps: { emit: Emit; api: ApiService },
  opts: Partial<Omit<RegistryOptions, 'emit'>> & {
    /** Where each tail's entries are kept for searches (the trace's retained runs). */
    retain?: (target: TailTarget) => RetainFeed;
  } = {},
): TailFeature {
  const { retain, ...registryOpts } = opts;
  const registry = new TailRegistry({
    clock: systemClock,
    ...registryOpts,
    emit: (batch, to) => deps.emit('tail.batch', batch, to),
  });
  return {
    handlers: {
      // Synchronous work behind an async signature: every bridge handler answers a promise.
      'tail.start': (i, ctx) => {
        try {
          return Promise.resolve({
            tailId: registry.start(apiSource(deps.api, i), i.backfill, ctx.client, retain?.(i)),
          });
        } catch (error) {
          return Promise.reject(failure(error));
        }
      },
      'tail.stop': (i, ctx) => Promise.resolve({ stopped: registry.stop(i.tailId, ctx.client) }),
      'tail.visibility': (i, ctx) => {
        registry.setHidden(ctx.client, i.hidden);
        return Promise.resolve({ hidden: i.hidden });
      },
      'tail.keepalive': (i, ctx) =>
        Promise.resolve({ alive: registry.keepalive(i.tailIds, ctx.client) }),
    },
    clientGone: (client) => registry.clientGone(client),
    close() {
      registry.closeAll();
      return Promise.resolve();
    },
  };
}

function failure(error: unknown): OpsFailure {
  return new OpsFailure({
    kind: 'validation',
    message: error instanceof Error ? error.message : String(error),
  });
}
