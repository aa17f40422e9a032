import { randomBytes } from 'node:crypto';
import type { ChangeView } from '../../../shared/bridge/calls/changes';
import { targetKind, type SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import { fail } from '../../../shared/bridge/errors';
import { isLegal, refusal, type Action } from '../../../shared/domain/workflow/actions';
import { toAcknowledge } from '../../../shared/domain/workflow/acknowledge';
import type {
  CloseOutcome,
  EndedEarly,
  Operation,
  RestoreSource,
  RollbackAction,
  RolloutLink,
} from '../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { windowFromEntries } from '../../../shared/domain/anomaly/counts';
import type { AcquireOptions } from '../workspace/team-lock';
import { LockHeartbeat } from '../workspace/heartbeat';
import { KeyedQueue } from '../../base/keyed-queue';
import type { Body } from '../targets/target-io';
import { applyDraft } from './apply';
import { takeBaseline } from './baseline';
import { closeChange } from './close';
import { errorText, type ChangeCtx } from './context';
import { MonitorRunner } from './monitor';
import { recoverIntent } from './recover';
import { seedRestoreDraft } from './restore-draft';
import { rollback, rollbackRecord } from './rollback';
import { failDamaged } from './damaged-lock';
import { checkHealth, recordTest } from './verify';
import { targetName } from '../../../shared/domain/names/target-name';

const newId = (now: Date) =>
  `chg-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;

const siteKey = (connectionId: string, siteId: string) => `${connectionId}\u0000${siteId}`;

/**
 * The change workflow: the lock, the order of steps (via the pure `legalActions` table), the
 * main-side monitors and the resume after a restart. Two serial sections make the invariants hold
 * under any concurrency (double clicks, two windows, a script on the bridge):
 * - per site: opening a change (check the lock, then journal `started`), a rollback-only record,
 *   and apply run one at a time, so the lock check and the open are one atomic step;
 * - per change: every step of one change runs in that change's queue, never interleaved.
 * The site section is always entered before the change's own queue, never the other way round.
 */
export class ChangeService {
  readonly monitors = new Map<string, MonitorRunner>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly sites = new KeyedQueue();
  /** The automatic test after each apply, by change: a rollout waits for it before going on. */
  private readonly autoTests = new Map<string, Promise<void>>();

  private readonly heartbeat: LockHeartbeat;

  constructor(
    readonly ctx: ChangeCtx,
    private readonly pauseBeforeTestMs = 0,
  ) {
    // The holder's app keeps the team locks of its open changes alive (heartbeat.ts).
    this.heartbeat = new LockHeartbeat(ctx.workspace.ws.lock, () =>
      ctx.store
        .all()
        .filter((c) => c.open && c.kind === 'change' && this.mine(c))
        .map((c) => ({ site: this.siteOf(c), changeId: c.id })),
    );
  }

  /** Changes opened on this laptop (journals of colleagues' changes are only read here). */
  mine(s: ChangeState): boolean {
    return s.laptop === undefined || s.laptop === this.ctx.workspace.laptop;
  }

  private siteOf(s: Pick<ChangeState, 'connectionId' | 'siteId'>) {
    return this.ctx.workspace.places.site(s.connectionId, s.siteId);
  }

  state(id: string): ChangeState {
    const held = this.ctx.store.get(id);
    if (!held) {
      const damaged = this.ctx.store.damaged.get(id);
      if (damaged) failDamaged(damaged);
      fail('not_found', `No change ${id} in the journal.`);
    }
    return held.state;
  }

  openOn(connectionId: string, siteId: string): ChangeState | undefined {
    return this.ctx.store
      .all()
      .find(
        (c) =>
          c.open &&
          c.kind === 'change' &&
          this.mine(c) &&
          c.connectionId === connectionId &&
          c.siteId === siteId,
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
      // One writer per journal: a colleague's change (synced here) is read-only on this laptop.
      if (!this.mine(s))
        fail(
          'conflict',
          `This change was opened by ${s.operator} on another laptop; it is read-only here. Ask them, or take over the team lock with a change of your own once it has been idle for 30 minutes.`,
        );
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

  /** Runs `fn` in the site's serial section. */
  private inSite<T>(key: Pick<SnapshotKey, 'connectionId' | 'siteId'>, fn: () => Promise<T>) {
    return this.sites.run(siteKey(key.connectionId, key.siteId), fn);
  }

  /**
   * Opens a change. `operation` says what it does to the target (webhooks may be created or
   * deleted); `seed` is a draft saved with the change before its baseline (the "New webhook" form),
   * so nothing the operator typed is lost if the baseline cannot be taken yet.
   */
  async start(
    key: SnapshotKey,
    title: string | undefined,
    opts: {
      restoreOf?: RestoreSource;
      operation?: Operation;
      seed?: Body;
      lockChoice?: AcquireOptions;
      reason?: string | undefined;
      ticket?: string | undefined;
      /** Set when the change is one site's step of a rollout. */
      rollout?: RolloutLink;
    } = {},
  ): Promise<ChangeState> {
    const { restoreOf, operation = 'update', seed, reason, ticket, rollout } = opts;
    if (operation !== 'update' && targetKind(key.target) !== 'webhook')
      fail(
        'validation',
        `Only webhooks can be ${operation}d by a change; ${key.target} is edited.`,
      );
    // Decided on the journals and damage records as they are on disk now, never on memory alone.
    const refuseIfOpen = async () => {
      await this.ctx.store.reloadSite(this.siteOf(key));
      // A change whose journal is damaged keeps the lock until an operator abandons it.
      const damaged = this.ctx.store.damaged.holding(this.siteOf(key));
      if (damaged) failDamaged(damaged);
      const open = this.openOn(key.connectionId, key.siteId);
      if (open)
        fail(
          'conflict',
          `Another change is open on this site: "${open.title ?? targetName(open.target)}" (${open.id}, at ${open.step}). One provider at a time: close or roll it back first.`,
          { current: { changeId: open.id, target: open.target } },
        );
    };
    await refuseIfOpen();
    const w = this.ctx.workspace;
    const author = w.author();
    const id = newId(this.ctx.now());
    // The team lock (pull, compare-and-swap on the branch, refusal naming the colleague) is taken
    // outside the site's section: a rollback on this site never waits for the git server.
    const lock = await w.ws.lock.acquire(
      this.siteOf(key),
      { changeId: id, target: key.target, operator: author, since: this.ctx.now().toISOString() },
      await w.ws.remoteConfig(),
      opts.lockChoice ?? {},
    );
    // The check and the `started` line are one step: a second start waits, then sees the lock.
    await this.inSite(key, async () => {
      try {
        await refuseIfOpen();
      } catch (error) {
        await w.ws.lock.release(this.siteOf(key), id).catch(() => false);
        throw error;
      }
      await this.ctx.store.append(id, {
        type: 'started',
        changeId: id,
        ...key,
        operator: author.name,
        operatorEmail: author.email,
        laptop: w.laptop,
        ...(title ? { title } : {}),
        kind: 'change',
        ...(restoreOf ? { restoreOf } : {}),
        ...(rollout ? { rollout } : {}),
        operation,
        ...(reason ? { reason } : {}),
        ...(ticket ? { ticket } : {}),
      });
      if (!lock.confirmed)
        await this.ctx.store.append(id, {
          type: 'team_lock',
          state: 'unconfirmed',
          detail: `${author.name} accepted "team lock not confirmed": ${lock.unconfirmedReason ?? 'the git server could not be reached'}`,
        });
      if (lock.tookOverFrom)
        await this.ctx.store.append(id, {
          type: 'team_lock',
          state: 'taken_over',
          detail: `${author.name} took over the team lock of ${lock.tookOverFrom.operator.name} (change ${lock.tookOverFrom.changeId}, open since ${lock.tookOverFrom.since}, last heartbeat ${lock.tookOverFrom.heartbeat}).`,
        });
      if (seed)
        await this.ctx.drafts.save(id, {
          body: seed,
          savedAt: this.ctx.now().toISOString(),
          issues: [],
        });
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
    const s = await this.inSite(this.state(id), () =>
      this.step(id, 'apply', (x) => applyDraft(this.ctx, x)),
    );
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
    const s = await this.step(id, 'start_monitoring', (x) => {
      const baseline = [...x.entries].reverse().find((e) => e.type === 'baseline');
      const now = this.ctx.now();
      return this.ctx.store.append(id, {
        type: 'monitor_started',
        windowMinutes,
        endsAt: new Date(now.getTime() + windowMinutes * 60_000).toISOString(),
        // The baseline's log window is what the monitor compares with (empty when none was read).
        baseline:
          (baseline?.type === 'baseline' ? baseline.window : undefined) ??
          windowFromEntries([], now),
      });
    });
    this.runMonitor(id);
    return s;
  }

  private runMonitor(id: string): void {
    if (this.monitors.has(id)) return;
    const runner = new MonitorRunner(this.ctx, id);
    this.monitors.set(id, runner);
    runner.start();
  }

  /** A rollback or a close ends monitoring early: the summary says it was cut short (and why). */
  private async endMonitor(id: string, endedEarly?: EndedEarly): Promise<void> {
    const runner = this.monitors.get(id);
    if (runner) {
      this.monitors.delete(id);
      await runner.stop();
    }
    const s = this.state(id);
    if (s.monitor && !s.monitor.summary)
      await new MonitorRunner(this.ctx, id).finish(false, endedEarly);
  }

  /**
   * The emergency path: the operator ends the window before the business cycle. The reason is
   * journaled first, then the summary (marked short, with the reason); the change may then close.
   */
  async endMonitoring(id: string, early: EndedEarly): Promise<ChangeState> {
    await this.step(id, 'end_monitoring', (s) =>
      this.ctx.store.append(s.id, { type: 'monitor_ended_early', ...early }),
    );
    await this.endMonitor(id, early);
    return this.changed(this.state(id));
  }

  /** Journals that the operator has read these regressions/anomalies; only outstanding ones count. */
  acknowledge(id: string, items: string[], reason: string): Promise<ChangeState> {
    return this.step(id, 'acknowledge', (s) => {
      const open = new Set(toAcknowledge(s));
      const unknown = items.filter((i) => !open.has(i));
      if (unknown.length)
        fail(
          'validation',
          `Not an open regression or anomaly of this change (already acknowledged, or never raised): ${unknown[0]}`,
        );
      return this.ctx.store.append(s.id, { type: 'acknowledged', items, reason });
    });
  }

  async close(
    id: string,
    outcome: CloseOutcome,
    note: string | undefined,
    overrideReason?: string,
  ): Promise<ChangeState> {
    const action: Action =
      outcome === 'known_good'
        ? 'mark_known_good'
        : outcome === 'rolled_back'
          ? 'close_rolled_back'
          : 'abandon';
    const s0 = this.state(id);
    if (!isLegal(s0, action)) fail('validation', refusal(s0, action) ?? 'not allowed');
    // Abandoning is an exception to the runbook: it is written down with its reason.
    if (outcome === 'abandoned' && (note ?? '').trim().length < 3)
      fail('validation', 'Say why the change is abandoned: the reason goes into the journal.', {
        issues: [{ path: 'note', message: 'say why, in a few words' }],
      });
    if (outcome !== 'known_good') await this.endMonitor(id);
    return this.step(id, action, async (s) => {
      const closed = await closeChange(this.ctx, s, outcome, note, overrideReason);
      // Close and Abandon release the team lock (a failed release only leaves it to go stale).
      await this.ctx.workspace.ws.lock.release(this.siteOf(s), id).catch(() => false);
      return closed;
    });
  }

  /** From a change, or from a provider page: the open change of that target records it, else a rollback record does. */
  async rollback(
    key: SnapshotKey,
    action: RollbackAction,
    changeId: string | undefined,
    version: number | string | undefined,
  ): Promise<ChangeState> {
    if (changeId) return this.rollbackIn(changeId, action, version);
    // Decided in the site's section: an apply in flight finishes first, so a change it just
    // applied records its own rollback instead of a separate record.
    return this.inSite(key, async () => {
      const open = this.openOn(key.connectionId, key.siteId);
      if (open && open.target === key.target && isLegal(open, 'rollback'))
        return this.rollbackIn(open.id, action, version);
      const rid = newId(this.ctx.now());
      try {
        return await rollbackRecord(this.ctx, rid, key, action, version);
      } finally {
        if (this.ctx.store.get(rid)) this.changed(this.state(rid));
      }
    });
  }

  private async rollbackIn(
    id: string,
    action: RollbackAction,
    version: number | string | undefined,
  ): Promise<ChangeState> {
    await this.endMonitor(id);
    return this.step(id, 'rollback', (s) => rollback(this.ctx, s, action, version));
  }

  note(id: string, text: string) {
    return this.step(id, 'note', (s) => this.ctx.store.append(s.id, { type: 'note', text }));
  }

  /**
   * After a restart: settle interrupted applies (by reading the server, never by re-sending), run
   * a mandatory test that an interruption skipped, and pick monitors up where they stopped.
   */
  async resume(): Promise<void> {
    for (const s of this.ctx.store.all().filter((c) => c.open && this.mine(c))) {
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
    await this.heartbeat.stop();
    await Promise.allSettled([...this.monitors.values()].map((m) => m.stop()));
    await Promise.allSettled([...this.background]);
  }
}
