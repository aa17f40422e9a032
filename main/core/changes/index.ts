import { join } from 'node:path';
import type { CallContext, HandlersOf } from '../../../shared/bridge';
import type { changesCalls, ChangeView } from '../../../shared/bridge/calls/changes';
import { fail } from '../../../shared/bridge/errors';
import type { Feature, FeatureDeps } from '../feature';
import { diffOf, impactOf } from './apply';
import { ioOf, keyOf, type ChangeCtx } from './context';
import { DraftStore } from './drafts';
import { startRestore } from './restore';
import { changeMarkdown, incidentMarkdown, summaryOf } from './export';
import { ChangeService } from './service';
import { ChangeStore } from './store';

/**
 * The change workflow. On disk under `<dataDir>/changes/`: `<id>.jsonl` (the append-only journal),
 * `<id>.draft.json` (the editable draft), `<id>.monitor.json` (the monitor's running tally).
 */
export function createChangesFeature(deps: FeatureDeps): Feature<
  HandlersOf<typeof changesCalls, CallContext>
> & {
  /** For rollouts, which drive each site's change through the same steps. */
  workflow: { service: ChangeService; drafts: DraftStore; ctx: ChangeCtx; ready: Promise<void> };
} {
  const dir = join(deps.dataDir, 'changes');
  const store = new ChangeStore(dir);
  const drafts = new DraftStore(dir);
  const ctx: ChangeCtx = {
    store,
    drafts,
    invoke: deps.invoke,
    settings: deps.settings,
    emit: deps.hub.emit,
    now: () => new Date(),
  };
  // Test seam (e2e): widen the gap between the PUT and the automatic test so a reload can land in it.
  const pause =
    process.env.NODE_ENV === 'test' ? Number(process.env.OPS_CHANGES_PAUSE_BEFORE_TEST_MS ?? 0) : 0;
  const service = new ChangeService(ctx, dir, pause);
  let problems: string[] = [];
  // Loaded once; resumed after the core has composed every handler (invoke is late-bound).
  const ready = store.load().then(
    (p) => {
      problems = p;
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

  const runbookOf = (s: { connectionId: string; siteId: string; target: string }) =>
    deps.invoke('runbooks.get', {
      connectionId: s.connectionId,
      siteId: s.siteId,
      target: s.target,
    });

  async function view(id: string): Promise<ChangeView> {
    const s = service.state(id);
    const held = store.get(id)!;
    const draft = await drafts.load(id);
    const monitor = service.monitorProgress(id);
    return {
      entries: held.entries,
      runbook: await runbookOf(s),
      problems: [...held.problems, ...problems.filter((p) => p.startsWith(id))],
      ...(draft ? { draft } : {}),
      ...(monitor ? { monitor } : {}),
    };
  }

  return {
    workflow: { service, drafts, ctx, ready },
    handlers: {
      'changes.start': async (i) => {
        await ready;
        return view(
          (
            await service.start(
              { connectionId: i.connectionId, siteId: i.siteId, target: i.target },
              i.title,
            )
          ).id,
        );
      },
      'changes.startRestore': async (i) => {
        await ready;
        return view(
          (
            await startRestore(
              service,
              { connectionId: i.connectionId, siteId: i.siteId, target: i.target },
              i.version,
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
        return store
          .all()
          .filter(
            (c) =>
              (!i.connectionId || c.connectionId === i.connectionId) &&
              (!i.siteId || c.siteId === i.siteId) &&
              (!i.target || c.target === i.target),
          )
          .filter(
            (c) =>
              (!i.status || (i.status === 'open') === c.open) &&
              (!i.outcome || c.outcome === i.outcome),
          )
          .filter(
            (c) =>
              (!i.from || (c.entries.at(-1)?.at ?? c.startedAt) >= i.from) &&
              (!i.to || c.startedAt <= i.to),
          )
          .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
          .map(summaryOf);
      },
      'changes.openFor': async (i) => {
        await ready;
        const open = service.openOn(i.connectionId, i.siteId);
        return open ? summaryOf(open) : null;
      },
      // Drafts need no network: saved locally, validated locally, editable while offline.
      'changes.saveDraft': async (i) => {
        const s = service.state(i.changeId);
        if (!s.open || s.step !== 'config')
          fail(
            'validation',
            `The draft can only be edited at the Config step (this change is at ${s.step}).`,
          );
        const draft = {
          body: i.body,
          savedAt: new Date().toISOString(),
          issues: ioOf(ctx, s).validate(i.body),
        };
        await drafts.save(i.changeId, draft);
        return draft;
      },
      'changes.preview': async (i) => {
        const s = service.state(i.changeId);
        const draft = await drafts.load(i.changeId);
        if (!s.baseline || !draft)
          fail('validation', 'A preview needs a baseline and a saved draft.');
        const io = ioOf(ctx, s);
        const diff = diffOf(io, s.baseline.body, draft.body);
        try {
          const impact = await impactOf(io, s.baseline.body, draft.body);
          return { diff, ...(impact ? { impact } : {}) };
        } catch (error) {
          return { diff, impactError: error instanceof Error ? error.message : String(error) };
        }
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
      'changes.close': async (i) => view((await service.close(i.changeId, i.outcome, i.note)).id),
      'changes.rollback': async (i) => {
        await ready;
        return view(
          (
            await service.rollback(
              { connectionId: i.connectionId, siteId: i.siteId, target: i.target },
              i.action,
              i.changeId,
              i.version,
            )
          ).id,
        );
      },
      'changes.note': async (i) => view((await service.note(i.changeId, i.text)).id),
      'changes.export': async (i) => {
        await ready;
        if ('changeId' in i) {
          const s = service.state(i.changeId);
          const runbook = await runbookOf(s);
          if (i.format === 'json')
            return {
              fileName: `${s.id}.json`,
              mime: 'application/json',
              count: 1,
              text: JSON.stringify(
                { change: summaryOf(s), key: keyOf(s), runbook, entries: s.entries },
                null,
                2,
              ),
            };
          return {
            fileName: `${s.id}.md`,
            mime: 'text/markdown',
            count: 1,
            text: changeMarkdown(s, runbook),
          };
        }
        const r = i.range;
        const list = store
          .all()
          .filter(
            (c) =>
              c.connectionId === r.connectionId &&
              c.siteId === r.siteId &&
              c.entries.some((e) => e.at >= r.from && e.at <= r.to),
          );
        const name = `incident-${r.from.slice(0, 16).replace(/[:T]/g, '')}-${r.to.slice(0, 16).replace(/[:T]/g, '')}`;
        if (i.format === 'json')
          return {
            fileName: `${name}.json`,
            mime: 'application/json',
            count: list.length,
            text: JSON.stringify(
              {
                from: r.from,
                to: r.to,
                changes: list.map((c) => ({
                  change: summaryOf(c),
                  entries: c.entries.filter((e) => e.at >= r.from && e.at <= r.to),
                })),
              },
              null,
              2,
            ),
          };
        return {
          fileName: `${name}.md`,
          mime: 'text/markdown',
          count: list.length,
          text: incidentMarkdown(list, r.from, r.to),
        };
      },
    },
    close: () => service.shutdown(),
  };
}
