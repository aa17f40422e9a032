import type { CallContext, Emit, HandlersOf } from '../../../shared/bridge';
import type { damagedChangesCalls } from '../../../shared/bridge/calls/changes-damaged';
import type { Author } from '../workspace/files';
import type { ChangeStore } from './store';

/** Listing damaged changes and the operator's way out: Abandon, which releases the lock. */
export function createDamagedChangeHandlers(
  store: ChangeStore,
  deps: { author: () => Author; emit: Emit },
  ready: Promise<void>,
): HandlersOf<typeof damagedChangesCalls, CallContext> {
  return {
    'changes.damaged': async (i) => {
      await ready;
      return store.damaged.list().filter((d) => !i.changeId || d.changeId === i.changeId);
    },
    'changes.abandonDamaged': async (i) => {
      await ready;
      // Abandon commits the resolved record (every laptop sees it) and releases the team lock.
      const d = await store.damaged.abandon(i.changeId, deps.author().name, i.note);
      deps.emit('changes.changed', {
        changeId: d.changeId,
        connectionId: d.connectionId ?? '',
        siteId: d.siteId ?? '',
        target: d.target ?? 'unknown',
      });
      return d;
    },
  };
}
