import { randomBytes } from 'node:crypto';
import type { ChangeView } from '../../../shared/bridge/calls/changes';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import { fail } from '../../../shared/bridge/errors';
import { isLegal, refusal, type Action } from '../../../shared/domain/workflow/actions';
import type {
  Outcome,
  RestoreSource,
  RollbackAction,
  RolloutLink,
} from '../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { applyDraft, recoverIntent } from './apply';
import { takeBaseline } from './baseline';
import { errorText, keyOf, type ChangeCtx } from './context';
import { MonitorRunner } from './monitor';
import { seedRestoreDraft } from './restore-draft';
import { rollback } from './rollback';
import { checkHealth, recordTest } from './verify';

const newId = (now: Date) =>
  `chg-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;

/**
 * The change workflow: the lock, the order of steps (via the pure `legalActions` table), the
 * main-side monitors and the resume after a restart. Every mutation of one change runs in that
 * change's queue, so a double click or two windows cannot interleave two steps.
 */
export class ChangeService {
  readonly monitors = new Map<string, MonitorRunner>();
  private readonly background = new Set<Promise<unknown>>();
  /** The automatic test after each apply, by change: a rollout waits for it before going on. */
  private readonly autoTests = new Map<string, Promise<void>>();

  constructor(
    readonly ctx: ChangeCtx,
    private readonly dir: string,
    private readonly pauseBeforeTestMs = 0,
  ) {}

  state(id: string): ChangeState {
    const held = this.ctx.store.get(id);
    if (!held) fail('not_found', `No change ${id} in the journal.`);
    return held.state;
  }

  openOn(connectionId: string, siteId: string): ChangeState | undefined {
    return this.ctx.store
      .all()
      .find(
        (c) =>
          c.open && c.kind === 'change' && c.connectionId === connectionId && c.siteId === siteId,
      );
  }

  private changed(s: ChangeState): ChangeState {
    this.ctx.emit('changes.changed', {
      changeId: s.id,
      connectionId: s.connectionId,
      siteId: s.siteId,
      target: s.target,
    });
    return s;
  }

  /** Runs a step in the change's queue after checking it is legal at the current step. */
  private step(
    id: string,
    action: Action,
    fn: (s: ChangeState) => Promise<ChangeState>,
  ): Promise<ChangeState> {
    return this.ctx.store.serial(id, async () => {
      let s = this.state(id);
      if (s.pendingIntent) s = await recoverIntent(this.ctx, s);
      const why = refusal(s, action);
      if (why) fail('validation', why);
      try {
        return this.changed(await fn(s));
      } catch (error) {
        this.changed(this.state(id));
        throw error;
      }
    });
  }

  async start(
    key: SnapshotKey,
    title: string | undefined,
    restoreOf?: RestoreSource,
    rollout?: RolloutLink,
  ): Promise<ChangeState> {
    const open = this.openOn(key.connectionId, key.siteId);
    if (open)
      fail(
        'conflict',
        `Another change is open on this site: "${open.title ?? open.target}" (${open.id}, at ${open.step}). One provider at a time: close or roll it back first.`,
        { current: { changeId: open.id, target: open.target } },
      );
    const id = newId(this.ctx.now());
    await this.ctx.store.append(id, {
      type: 'started',
      changeId: id,
      ...key,
      operator: this.ctx.settings.settings.operatorName,
      ...(title ? { title } : {}),
      kind: 'change',
      ...(restoreOf ? { restoreOf } : {}),
      ...(rollout ? { rollout } : {}),
    });
    // A failed baseline is in the journal and shown at the Baseline step: the change stays open to retry.
    return this.baseline(id).catch(() => this.state(id));
  }

  /** Baseline; a restore change then gets its snapshot as the draft (once: an edited draft is kept). */
  baseline(id: string) {
    return this.step(id, 'baseline', async (s) => {
      const after = await takeBaseline(this.ctx, s);
      await seedRestoreDraft(this.ctx, after);
      return after;
    });
  }

  /** A retried restore: finishes what the first attempt left undone (baseline, then the draft). */
  resumeRestore(id: string): Promise<ChangeState> {
    if (this.state(id).step === 'baseline') return this.baseline(id);
    return this.step(id, 'save_draft', async (s) => {
      await seedRestoreDraft(this.ctx, s);
      return s;
    });
  }

  /** PUT now; the mandatory test follows at once in the background (main-side, so a reload cannot skip it). */
  async apply(id: string): Promise<ChangeState> {
    const s = await this.step(id, 'apply', (x) => applyDraft(this.ctx, x));
    if (s.step === 'test') this.autoTest(id);
    return s;
  }

  private autoTest(id: string): void {
    const p = (async () => {
      if (this.pauseBeforeTestMs) await new Promise((r) => setTimeout(r, this.pauseBeforeTestMs));
      await this.ctx.store.serial(id, async () => {
        const s = this.state(id);
        // Only if no test has run since the apply (the operator may have clicked "Run test").
        if (s.step === 'test' && (!s.lastTest || (s.applied && s.lastTest.at < s.applied.at)))
          this.changed(await recordTest(this.ctx, s, 'auto'));
      });
    })().catch((error: unknown) =>
      console.error(`[changes] automatic test of ${id} failed: ${errorText(error)}`),
    );
    this.background.add(p);
    this.autoTests.set(id, p);
    void p.finally(() => {
      this.background.delete(p);
      if (this.autoTests.get(id) === p) this.autoTests.delete(id);
    });
  }

  /**
   * The change once its mandatory test after the apply has run: the automatic one (awaited), or
   * one run now when none is pending (e.g. the app restarted between the apply and the test).
   */
  async tested(id: string): Promise<ChangeState> {
    await this.autoTests.get(id);
    const s = this.state(id);
    if (s.step === 'test' && (!s.lastTest || (s.applied && s.lastTest.at < s.applied.at)))
      return this.test(id);
    return s;
  }

  health(id: string) {
    return this.step(id, 'check_health', (s) => checkHealth(this.ctx, s));
  }

  test(id: string) {
    return this.step(id, 'run_test', (s) => recordTest(this.ctx, s, 'manual'));
  }

  async startMonitoring(id: string, windowMinutes: number): Promise<ChangeState> {
    const s = await this.step(id, 'start_monitoring', async (x) => {
      const baseline = [...x.entries].reverse().find((e) => e.type === 'baseline');
      const window = baseline?.type === 'baseline' ? baseline.window : undefined;
      const now = this.ctx.now();
      const empty = {
        total: 0,
        sent: 0,
        failed: 0,
        retrying: 0,
        filtered: 0,
        skipped: 0,
        testMode: 0,
      };
      return this.ctx.store.append(id, {
        type: 'monitor_started',
        windowMinutes,
        endsAt: new Date(now.getTime() + windowMinutes * 60_000).toISOString(),
        baseline: window ?? {
          from: now.toISOString(),
          to: now.toISOString(),
          minutes: 0,
          counts: empty,
          events: {},
        },
      });
    });
    this.runMonitor(id);
    return s;
  }

  private runMonitor(id: string): void {
    if (this.monitors.has(id)) return;
    const runner = new MonitorRunner(this.ctx, id, this.dir);
    this.monitors.set(id, runner);
    runner.start();
  }

  /** A rollback or a close ends monitoring early: the summary says it was cut short. */
  private async endMonitor(id: string): Promise<void> {
    const runner = this.monitors.get(id);
    if (runner) {
      this.monitors.delete(id);
      await runner.stop();
    }
    const s = this.state(id);
    if (s.monitor && !s.monitor.summary)
      await new MonitorRunner(this.ctx, id, this.dir).finish(false);
  }

  async close(id: string, outcome: Outcome, note: string | undefined): Promise<ChangeState> {
    const action: Action =
      outcome === 'known_good'
        ? 'mark_known_good'
        : outcome === 'rolled_back'
          ? 'close_rolled_back'
          : 'abandon';
    const s0 = this.state(id);
    if (!isLegal(s0, action)) fail('validation', refusal(s0, action) ?? 'not allowed');
    if (outcome !== 'known_good') await this.endMonitor(id);
    return this.step(id, action, async (s) => {
      let afterSnapshotVersion: number | undefined;
      let snapshotError: string | undefined;
      // Every change that reached the server gets its after snapshot, whatever the outcome.
      if (s.applied || s.rolledBack) {
        try {
          const snap = await this.ctx.invoke('snapshots.take', {
            ...keyOf(s),
            source: 'after_change',
            changeId: id,
            label: `after change ${id} (${outcome.replace('_', ' ')})`,
          });
          afterSnapshotVersion = snap.snapshot.version;
          if (outcome === 'known_good')
            await this.ctx.invoke('snapshots.markKnownGood', {
              ...keyOf(s),
              version: afterSnapshotVersion,
              knownGood: true,
              note: `change ${id}`,
            });
        } catch (error) {
          if (outcome === 'known_good') throw error;
          snapshotError = errorText(error);
        }
      }
      return this.ctx.store.append(id, {
        type: 'closed',
        outcome,
        ...(afterSnapshotVersion ? { afterSnapshotVersion } : {}),
        ...(snapshotError ? { snapshotError } : {}),
        ...(note ? { note } : {}),
      });
    });
  }

  /** From a change, or from a provider page: the open change of that target records it, else a rollback record does. */
  async rollback(
    key: SnapshotKey,
    action: RollbackAction,
    changeId: string | undefined,
    version: number | undefined,
  ): Promise<ChangeState> {
    const open = this.openOn(key.connectionId, key.siteId);
    const id =
      changeId ??
      (open && open.target === key.target && isLegal(open, 'rollback') ? open.id : undefined);
    if (id) {
      await this.endMonitor(id);
      return this.step(id, 'rollback', (s) => rollback(this.ctx, s, action, version));
    }
    const rid = newId(this.ctx.now());
    await this.ctx.store.append(rid, {
      type: 'started',
      changeId: rid,
      ...key,
      operator: this.ctx.settings.settings.operatorName,
      title: `Rollback: ${action}`,
      kind: 'rollback_only',
    });
    return this.ctx.store.serial(rid, async () => {
      try {
        await rollback(this.ctx, this.state(rid), action, version);
      } finally {
        const s = this.state(rid);
        await this.ctx.store.append(rid, {
          type: 'closed',
          outcome: 'rolled_back',
          ...(s.rollbacks.some((r) => r.ok) ? {} : { note: 'the rollback failed' }),
        });
        this.changed(this.state(rid));
      }
      return this.state(rid);
    });
  }

  note(id: string, text: string) {
    return this.step(id, 'note', (s) => this.ctx.store.append(s.id, { type: 'note', text }));
  }

  /**
   * After a restart: settle interrupted applies (by reading the server, never by re-sending), run
   * a mandatory test that an interruption skipped, and pick monitors up where they stopped.
   */
  async resume(): Promise<void> {
    for (const s of this.ctx.store.all().filter((c) => c.open)) {
      try {
        if (s.pendingIntent)
          await this.ctx.store.serial(s.id, async () =>
            this.changed(await recoverIntent(this.ctx, this.state(s.id))),
          );
        const now = this.state(s.id);
        if (
          now.step === 'test' &&
          (!now.lastTest || (now.applied && now.lastTest.at < now.applied.at))
        )
          this.autoTest(s.id);
        if (now.step === 'monitor' && now.monitor && !now.monitor.summary) this.runMonitor(s.id);
      } catch (error) {
        console.error(`[changes] could not resume ${s.id}: ${errorText(error)}`);
      }
    }
  }

  monitorProgress(id: string): ChangeView['monitor'] {
    return this.monitors.get(id)?.latest;
  }

  async shutdown(): Promise<void> {
    await Promise.allSettled([...this.monitors.values()].map((m) => m.stop()));
    await Promise.allSettled([...this.background]);
  }
}
