import { OpsFailure, type CallContext, type HandlersOf } from '../../../shared/bridge';
import type { tailCalls } from '../../../shared/bridge/calls/tail';
import type { Feature, FeatureDeps } from '../feature';
import { systemClock } from './clock';
import { TailRegistry, type RegistryOptions } from './registry';
import { invokeSource, type TailTarget } from './source';
import type { RetainFeed } from './tail';

export type TailHandlers = HandlersOf<typeof tailCalls, CallContext>;

/**
 * Live log tails (issue 7): each `tail.start` polls one provider or webhook log through the API
 * client and pushes deduplicated batches as `tail.batch` events.
 */
export function createTailFeature(
  deps: Pick<FeatureDeps, 'hub' | 'invoke'>,
  opts: Partial<Omit<RegistryOptions, 'emit'>> & {
    /** Where each tail's entries are kept for searches (the trace's retained runs). */
    retain?: (target: TailTarget) => RetainFeed;
  } = {},
): Feature<TailHandlers> {
  const { retain, ...registryOpts } = opts;
  const registry = new TailRegistry({
    clock: systemClock,
    ...registryOpts,
    emit: (batch) => deps.hub.emit('tail.batch', batch),
  });
  return {
    handlers: {
      // Synchronous work behind an async signature: every bridge handler answers a promise.
      'tail.start': (i) => {
        try {
          return Promise.resolve({
            tailId: registry.start(invokeSource(deps.invoke, i), i.backfill, retain?.(i)),
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
