import { OpsFailure, type CallContext, type HandlersOf } from '../../../shared/bridge';
import type { tailCalls } from '../../../shared/bridge/calls/tail';
import type { Emit } from '../../../shared/bridge';
import type { ApiService } from '../api';
import type { Feature } from '../feature';
import { systemClock } from '../../base/clock';
import { TailRegistry, type RegistryOptions } from './registry';
import { apiSource } from './source';

export type TailHandlers = HandlersOf<typeof tailCalls, CallContext>;

/**
 * Live log tails: each `tail.start` polls one provider or webhook log through the API
 * client and pushes deduplicated batches as `tail.batch` events.
 */
export function createTailFeature(
  deps: { emit: Emit; api: ApiService },
  opts: Partial<Omit<RegistryOptions, 'emit'>> = {},
): Feature<TailHandlers> {
  const registry = new TailRegistry({
    clock: systemClock,
    ...opts,
    emit: (batch) => deps.emit('tail.batch', batch),
  });
  return {
    handlers: {
      // Synchronous work behind an async signature: every bridge handler answers a promise.
      'tail.start': (i) => {
        try {
          return Promise.resolve({
            tailId: registry.start(apiSource(deps.api, i), i.backfill),
          });
        } catch (error) {
          return Promise.reject(failure(error));
        }
      },
      'tail.stop': (i) => Promise.resolve({ stopped: registry.stop(i.tailId) }),
      'tail.visibility': (i) => {
        registry.setHidden(i.hidden);
        return Promise.resolve({ hidden: i.hidden });
      },
      'tail.keepalive': (i) => Promise.resolve({ alive: registry.keepalive(i.tailIds) }),
    },
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
