import type { CallContext, Emit, HandlersOf } from '../../../shared/bridge';
import type { damagedChangesCalls } from '../../../shared/bridge/calls/changes-damaged';
import type { SettingsStore } from '../settings/settings-store';
import type { ChangeStore } from './store';

/** Listing damaged changes and the operator's way out: Abandon, which releases the lock. */
export function createDamagedChangeHandlers(
  store: ChangeStore,
  deps: { settings: SettingsStore; emit: Emit },
  ready: Promise<void>,
): HandlersOf<typeof damagedChangesCalls, CallContext> {
  return {
    'changes.damaged': async (i) => {
      await ready;
      return store.damaged.list().filter((d) => !i.changeId || d.changeId === i.changeId);
    },
    'changes.abandonDamaged': async (i) => {
      await ready;
      const d = await store.damaged.abandon(
        i.changeId,
        deps.settings.settings.operatorName,
        i.note,
      );
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
