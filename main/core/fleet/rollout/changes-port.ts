import { fail } from '../../../../shared/bridge';
import type { ChangeCtx } from '../../changes/context';
import { ioOf, keyOf } from '../../changes/context';
import type { DraftStore } from '../../changes/drafts';
import type { ChangeService } from '../../changes/service';
import type { RolloutChanges } from './ports';

export interface Workflow {
  service: ChangeService;
  drafts: DraftStore;
  ctx: ChangeCtx;
  ready: Promise<void>;
}

/** The change workflow as a rollout sees it: the same service the Changes screen drives. */
export function changesPort(
  w: Workflow,
  businessCycleMinutes: RolloutChanges['businessCycleMinutes'],
): RolloutChanges {
  const settings = () => w.ctx.settings.settings;
  return {
    ready: () => w.ready,
    all: () => w.ctx.store.all(),
    state: (id) => w.service.state(id),
    openOn: (connectionId, siteId) => w.service.openOn(connectionId, siteId),
    start: (key, title, link) => w.service.start(key, title, { rollout: link }),
    baseline: (id) => w.service.baseline(id),
    async saveDraft(id, body) {
      const s = w.service.state(id);
      if (!s.open || s.step !== 'config')
        fail(
          'validation',
          `The draft can only be set at the Config step (this change is at ${s.step}).`,
        );
      await w.drafts.save(id, {
        body,
        savedAt: w.ctx.now().toISOString(),
        issues: ioOf(w.ctx, s).validate(body),
      });
    },
    apply: (id) => w.service.apply(id),
    tested: (id) => w.service.tested(id),
    health: (id) => w.service.health(id),
    startMonitoring: (id, minutes) => w.service.startMonitoring(id, minutes),
    close: (id, outcome, note) => w.service.close(id, outcome, note),
    note: (id, text) => w.service.note(id, text),
    acknowledge: (id, items, reason) => w.service.acknowledge(id, items, reason),
    restoreBaseline: (id) =>
      w.service.rollback(keyOf(w.service.state(id)), 'restore', id, undefined),
    businessCycleMinutes,
    monitorMinimumMinutes: () => settings().monitorMinimumMinutes,
    operator: () => settings().operatorName,
  };
}
