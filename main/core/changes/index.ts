import type { CallContext, Emit, HandlersOf } from '../../../shared/bridge';
import type { changesCalls, ChangeView } from '../../../shared/bridge/calls/changes';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import type { damagedChangesCalls } from '../../../shared/bridge/calls/changes-damaged';
import { fail } from '../../../shared/bridge/errors';
import { NEW_WEBHOOK_TARGET } from '../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import type { ApiService } from '../api';
import type { DamageSink } from '../damage/register';
import type { Feature } from '../feature';
import type { RunbookStore } from '../runbooks/store';
import type { SettingsStore } from '../settings/settings-store';
import type { SnapshotsService } from '../snapshots/service';
import { draftOf, validateFor } from './apply';
import { previewOf } from './preview';
import { ioOf, type ChangeCtx } from './context';
import { DraftStore } from './drafts';
import { startRestore } from './restore';
import { summaryOf } from './export';
import { exportChanges, listChanges, type WatchEventsOf } from './queries';
import { ChangeService } from './service';
import { ChangeStore } from './store';
import { journalCommits } from './journal-commits';
import type { WorkspaceFeature } from '../workspace/feature';
import { createDamagedChangeHandlers } from './damaged-handlers';
import { damagedSummary, withDamaged } from './damaged-lock';

export interface ChangesDeps {
  dataDir: string;
  emit: Emit;
  settings: SettingsStore;
  api: ApiService;
  snapshots: SnapshotsService;
  runbooks: RunbookStore;
  workspace: WorkspaceFeature;
  /** What the watch saw on a site in a time range, for the incident timeline (alerts feature). */
  watchEventsOf?: WatchEventsOf;
  /** Where a damaged draft kept on this laptop only is reported (workspace files: the guard). */
  damage: DamageSink;
}

export interface ChangesFeature extends Feature<
  HandlersOf<typeof changesCalls & typeof damagedChangesCalls, CallContext>
> {
  /** Every change of a site, folded (the checklist reads them). */
  statesOf(connectionId: string, siteId: string): Promise<ChangeState[]>;
  /** Resolves once every journal is loaded (the first pull of the team workspace waits for it). */
  ready: Promise<void>;
  /**
   * Whether this app wrote `target` (an apply, or a rollback that went through) at or after
   * `since`: the watch tells a configuration changed by us from one changed outside the app.
   */
  wroteSince(key: SnapshotKey, since: string): Promise<boolean>;
  /** For rollouts, which drive each site's change through the same steps. */
  workflow: { service: ChangeService; drafts: DraftStore; ctx: ChangeCtx; ready: Promise<void> };
}

/**
 * The change workflow. In the team workspace under `sites/<env>/<site>/changes/`: `<id>.jsonl`
 * (the append-only journal), `<id>.draft.json` (the draft), `<id>.monitor.json` (the monitor's
 * running tally), `<id>.damaged.json` (a journal that could not be read back).
 */
export function createChangesFeature(deps: ChangesDeps): ChangesFeature {
  const w = deps.workspace;
  const store = new ChangeStore(w);
  const drafts = new DraftStore(
    w.ws,
    deps.dataDir,
    (id) => {
      const h = store.get(id);
      return h && { site: h.site, target: h.state.target };
    },
    deps.damage,
  );
  const ctx: ChangeCtx = {
    store,
    drafts,
    api: deps.api,
    snapshots: deps.snapshots,
    runbooks: deps.runbooks,
    settings: deps.settings,
    emit: deps.emit,
    damage: deps.damage,
    now: () => new Date(),
    workspace: w,
  };
  // Test seam (e2e): widen the gap between the PUT and the automatic test so a reload can land in it.
  const pause =
    process.env.NODE_ENV === 'test' ? Number(process.env.OPS_CHANGES_PAUSE_BEFORE_TEST_MS ?? 0) : 0;
  const service = new ChangeService(ctx, pause);
  let problems: string[] = [];
  // Loaded once; open changes resume on the next turn, once the core has finished wiring.
  const ready = store.load().then(
    () => {
      setImmediate(
        () =>
          void service
            .resume()
            .catch((error: unknown) =>
              problems.push(`Resuming open changes failed: ${String(error)}`),
            ),
      );
    },
    // An unreadable journal folder is reported on the Changes screen, not an unhandled rejection.
    (error: unknown) => {
      problems = [
        `The change journal could not be read: ${error instanceof Error ? error.message : String(error)}`,
      ];
    },
  );

  // Journals and damage records merged in from other laptops: reload them (records first, so a
  // journal moved to quarantine/ never leaves its change unlocked) and tell open screens.
  w.onChange((c) => {
    const paths = c.paths.filter((p) => p.endsWith('.damaged.json') || p.endsWith('.jsonl'));
    if (!paths.length) return;
    void (async () => {
      await ready;
      paths.sort(
        (a, b) => Number(b.endsWith('.damaged.json')) - Number(a.endsWith('.damaged.json')),
      );
      for (const path of paths) {
        await store.reload(path);
        const id = path.slice(path.lastIndexOf('/') + 1).replace(/\.(jsonl|damaged\.json)$/, '');
        const s = store.get(id)?.state;
        const d = store.damaged.get(id);
        if (s || d)
          deps.emit('changes.changed', {
            changeId: id,
            connectionId: s?.connectionId ?? d?.connectionId ?? '',
            siteId: s?.siteId ?? d?.siteId ?? '',
            target: s?.target ?? d?.target ?? 'unknown',
          });
      }
    })().catch(() => undefined);
  });

  const runbookOf = (s: { connectionId: string; siteId: string; target: string }) =>
    deps.runbooks.get(s.connectionId, s.siteId, s.target);

  async function view(id: string): Promise<ChangeView> {
    const s = service.state(id);
    const held = store.get(id)!;
    const draft = await drafts.load(id);
    const monitor = service.monitorProgress(id);
    return {
      entries: held.entries,
      ownedHere: service.mine(s),
      commits: await journalCommits(w.ws, held.path),
      runbook: await runbookOf(s),
      problems: [...held.problems, ...problems.filter((p) => p.startsWith(id))],
      ...(draft ? { draft } : {}),
      ...(monitor ? { monitor } : {}),
    };
  }

  return {
    ready,
    async wroteSince(key, since) {
      await ready;
      return store
        .all()
        .some(
          (c) =>
            c.connectionId === key.connectionId &&
            c.siteId === key.siteId &&
            c.target === key.target &&
            c.entries.some(
              (e) => e.at >= since && (e.type === 'apply_done' || (e.type === 'rollback' && e.ok)),
            ),
        );
    },
    workflow: { service, drafts, ctx, ready },
    async statesOf(connectionId, siteId) {
      await ready;
      return store.all().filter((c) => c.connectionId === connectionId && c.siteId === siteId);
    },
    handlers: {
      'changes.start': async (i) => {
        await ready;
        return view(
          (
            await service.start(
              { connectionId: i.connectionId, siteId: i.siteId, target: i.target },
              i.title,
              {
                operation: i.operation,
                lockChoice: i.teamLock ?? {},
                reason: i.reason,
                ticket: i.ticket,
              },
            )
          ).id,
        );
      },
      'changes.startWebhookCreate': async (i) => {
        await ready;
        const s = await service.start(
          { connectionId: i.connectionId, siteId: i.siteId, target: NEW_WEBHOOK_TARGET },
          i.title ?? `New webhook ${i.body.name}`,
          { operation: 'create', seed: i.body, reason: i.reason, ticket: i.ticket },
        );
        return view(s.id);
      },
      'changes.startRestore': async (i) => {
        await ready;
        return view(
          (
            await startRestore(
              service,
              { connectionId: i.connectionId, siteId: i.siteId, target: i.target },
              i.id ?? i.version,
              i.teamLock ?? {},
              { reason: i.reason, ticket: i.ticket },
            )
          ).id,
        );
      },
      'changes.baseline': async (i) => view((await service.baseline(i.changeId)).id),
      'changes.get': async (i) => {
        await ready;
        return view(i.changeId);
      },
      'changes.list': async (i) => {
        await ready;
        // Damaged changes stay listed (and locking) until resolved: nothing vanishes from it.
        return withDamaged(listChanges(store.all(), i), store.damaged.list(), i);
      },
      'changes.openFor': async (i) => {
        await ready;
        const open = service.openOn(i.connectionId, i.siteId);
        if (open) return summaryOf(open);
        const damaged = store.damaged.holding(w.places.site(i.connectionId, i.siteId));
        return damaged ? damagedSummary(damaged, i) : null;
      },
      ...createDamagedChangeHandlers(store, { emit: deps.emit, author: w.author }, ready),
      // Drafts need no network: saved locally, validated locally, editable while offline.
      'changes.saveDraft': async (i) => {
        const s = service.state(i.changeId);
        if (!s.open || s.step !== 'config')
          fail(
            'validation',
            `The draft can only be edited at the Config step (this change is at ${s.step}).`,
          );
        if (s.operation === 'delete')
          fail('validation', 'A delete has no draft: applying it deletes the webhook.');
        const draft = {
          body: i.body,
          savedAt: new Date().toISOString(),
          issues: validateFor(ioOf(ctx, s), s, i.body),
        };
        await drafts.save(i.changeId, draft);
        return draft;
      },
      'changes.preview': async (i) => {
        const s = service.state(i.changeId);
        const draft = await draftOf(ctx, s).catch(() => undefined);
        if (!s.baseline || !draft)
          fail('validation', 'A preview needs a baseline and a saved draft.');
        return previewOf(ioOf(ctx, s), s.baseline.body, draft.body);
      },
      'changes.apply': async (i) => view((await service.apply(i.changeId)).id),
      'changes.test': async (i) => view((await service.test(i.changeId)).id),
      'changes.health': async (i) => view((await service.health(i.changeId)).id),
      'changes.startMonitoring': async (i) => {
        const s = service.state(i.changeId);
        const cycle = (await runbookOf(s)).businessCycleMinutes;
        // The runbook's business cycle, never less than the minimum the settings allow.
        const minutes = Math.max(cycle, deps.settings.settings.monitorMinimumMinutes);
        return view((await service.startMonitoring(i.changeId, minutes)).id);
      },
      'changes.close': async (i) =>
        view((await service.close(i.changeId, i.outcome, i.note, i.overrideReason)).id),
      'changes.endMonitoring': async (i) =>
        view(
          (
            await service.endMonitoring(i.changeId, {
              reason: i.reason,
              ...(i.ticket ? { ticket: i.ticket } : {}),
            })
          ).id,
        ),
      'changes.acknowledge': async (i) =>
        view((await service.acknowledge(i.changeId, i.items, i.reason)).id),
      'changes.rollback': async (i) => {
        await ready;
        return view(
          (
            await service.rollback(
              { connectionId: i.connectionId, siteId: i.siteId, target: i.target },
              i.action,
              i.changeId,
              i.id ?? i.version,
            )
          ).id,
        );
      },
      'changes.note': async (i) => view((await service.note(i.changeId, i.text)).id),
      'changes.export': async (i) => {
        await ready;
        return exportChanges(
          i,
          store.all(),
          (c) => service.state(c),
          runbookOf,
          deps.watchEventsOf,
        );
      },
    },
    close: () => service.shutdown(),
  };
}
