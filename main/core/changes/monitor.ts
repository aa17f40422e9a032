import type { MonitorProgress } from '../../../shared/bridge/calls/changes';
import {
  anomalyKey,
  detectAnomalies,
  detectSilence,
  SILENCE_FLOOR_MS,
  uniqueAnomalies,
} from '../../../shared/domain/anomaly/detect';
import type { Anomaly, RateWindow } from '../../../shared/domain/anomaly/schema';
import {
  GAP_ANOMALY_AFTER_MS,
  gapMinutesWithin,
  MAX_GAP_SHARE,
} from '../../../shared/domain/workflow/monitor-gaps';
import type { EndedEarly } from '../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { errorText, ioOf, type ChangeCtx } from './context';
import { targetName } from '../../../shared/domain/names/target-name';
import { closeGap, freshEntries, gapMinutesSoFar, unreachableAnomaly } from './monitor-gap';
import {
  countEntries,
  loadTally,
  observedWindow,
  recentWindow,
  saveTally,
  type Tally,
} from './monitor-tally';
import { tallyPath } from '../workspace/layout';

/** Poll often enough for a short window to have several looks, rarely enough for a 24 h one. */
export function pollMs(windowMinutes: number): number {
  return Math.min(15_000, Math.max(1_000, (windowMinutes * 60_000) / 20));
}

/**
 * Main-side monitor of one change: polls the target's logs (not the renderer's tail, so it keeps
 * running with no window open), counts what arrived since monitoring started, compares with the
 * baseline window, journals and announces new anomalies, and closes the window when it ends.
 */
export class MonitorRunner {
  private timer: NodeJS.Timeout | undefined;
  private busy: Promise<void> | undefined;
  private stopped = false;
  latest: MonitorProgress | undefined;

  constructor(
    private readonly ctx: ChangeCtx,
    private readonly changeId: string,
  ) {}

  private get file() {
    return tallyPath(this.ctx.store.get(this.changeId)!.site, this.changeId);
  }

  /** A damaged tally is reported with what it held; the monitor goes on from the logs it can read. */
  private get tallyWords() {
    return {
      store: 'monitor' as const,
      lost: `the running tally of the monitor of change ${this.changeId} (counts, anomalies already announced); it is counted again from the logs still available (up to 5,000 entries back) and anomalies may be announced again`,
      changeId: this.changeId,
    };
  }

  private state(): ChangeState {
    return this.ctx.store.get(this.changeId)!.state;
  }

  start(): void {
    const s = this.state();
    if (!s.monitor) return;
    const every = pollMs(s.monitor.windowMinutes);
    const loop = () => {
      // A failing tick (disk full, journal write) is shown on the next progress event, never an
      // unhandled rejection: that would kill browser mode and block the rollback that awaits stop().
      this.busy = this.tick()
        .catch((error: unknown) => this.tickFailed(error))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, every);
        });
    };
    loop();
  }

  private tickFailed(error: unknown): void {
    if (!this.latest) {
      console.error(
        `[changes] monitoring of ${this.changeId} failed before its first reading: ${errorText(error)}`,
      );
      return;
    }
    this.latest = {
      ...this.latest,
      lastError: `Monitoring could not record progress: ${errorText(error)}`,
    };
    this.ctx.emit('changes.monitor', this.latest);
  }

  /**
   * The anomaly rules on the whole window so far and on its last minutes (a rise mid-window is
   * not averaged away), and silence measured from the last delivery seen.
   */
  private rules(baseline: RateWindow, p: Tally, now: Date): Anomaly[] {
    const m = this.state().monitor!;
    const recent = recentWindow(p, m.startedAt, now);
    const quiet = detectSilence(
      baseline,
      p.lastSentAt,
      m.startedAt,
      now,
      Math.max(SILENCE_FLOOR_MS, 2 * pollMs(m.windowMinutes)),
    );
    return [
      ...detectAnomalies(baseline, observedWindow(p, m.startedAt, now)),
      ...(recent ? detectAnomalies(baseline, recent) : []),
      ...(quiet ? [quiet] : []),
    ];
  }

  /** Stops polling; `finish` journals the summary (fullWindow false when cut short). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
  }

  async tick(): Promise<void> {
    const s = this.state();
    const m = s.monitor;
    if (!m || m.summary || !s.open || this.stopped) return;
    const p = await loadTally(this.ctx.workspace.ws, this.file, this.tallyWords);
    const now = this.ctx.now();
    try {
      const entries = await freshEntries(ioOf(this.ctx, s), s, p);
      if (entries.length) p.cursor = Math.max(p.cursor, ...entries.map((e) => e.id));
      countEntries(p, entries, now);
      p.okPolls++;
      delete p.lastError;
      await closeGap(this.ctx, this.state(), p, now);
      p.lastOkAt = now.toISOString();
    } catch (error) {
      // Live reads only: an unreachable API is a gap in the monitoring, never a quiet cached page.
      p.lastError = errorText(error);
      p.gap ??= { from: p.lastOkAt ?? m.startedAt, reason: p.lastError };
    }
    const baseline = s.entries.find((e) => e.type === 'monitor_started')?.baseline;
    if (!baseline) return;
    const observed = observedWindow(p, m.startedAt, now);
    // While the logs cannot be read the counts say nothing (zero seen is not zero sent): the
    // rate checks wait for the gap to close, and the gap itself becomes the anomaly.
    // A deleted webhook delivering nothing is the change working, not a volume drop.
    const found: Anomaly[] = [];
    if (!p.gap && s.operation !== 'delete') found.push(...this.rules(baseline, p, now));
    if (p.gap && now.getTime() - Date.parse(p.gap.from) >= GAP_ANOMALY_AFTER_MS)
      found.push(unreachableAnomaly(p.gap, now));
    const fresh = uniqueAnomalies(found).filter((a) => !p.notified.includes(anomalyKey(a)));
    // Once raised, an anomaly stays in the summary even if a later reading looks normal again.
    p.anomalies = uniqueAnomalies([...found, ...p.anomalies]);
    p.notified.push(...fresh.map(anomalyKey));
    await saveTally(this.ctx.workspace.ws, this.file, p);
    if (fresh.length) {
      await this.ctx.store.append(s.id, { type: 'anomaly', anomalies: fresh });
      const ev = {
        changeId: s.id,
        connectionId: s.connectionId,
        siteId: s.siteId,
        target: s.target,
      };
      this.ctx.emit('changes.anomaly', {
        ...ev,
        title: `Anomaly after the ${targetName(s.target)} change`,
        body: fresh.map((a) => a.message).join('\n'),
        anomalies: fresh,
      });
      this.ctx.emit('changes.changed', ev);
    }
    const running = now.getTime() < Date.parse(m.endsAt);
    this.latest = {
      changeId: s.id,
      running,
      startedAt: m.startedAt,
      endsAt: m.endsAt,
      checkedAt: now.toISOString(),
      baseline,
      observed,
      anomalies: p.anomalies,
      ...(p.lastError ? { lastError: p.lastError } : {}),
      ...(p.gap ? { unreachableSince: p.gap.from } : {}),
      gapMinutes: gapMinutesSoFar(this.state(), p, now),
    };
    this.ctx.emit('changes.monitor', this.latest);
    if (!running) {
      this.stopped = true;
      await this.finish(true);
    }
  }

  /**
   * Journals the monitoring summary once. `elapsed` says whether the window ran to its end; it is
   * a full window only if the logs were also read for at least 90% of it (MAX_GAP_SHARE).
   */
  async finish(elapsed: boolean, endedEarly?: EndedEarly): Promise<void> {
    if (!this.state().monitor || this.state().monitor!.summary) return;
    const p = await loadTally(this.ctx.workspace.ws, this.file, this.tallyWords);
    const now = this.ctx.now();
    await closeGap(this.ctx, this.state(), p, now);
    await saveTally(this.ctx.workspace.ws, this.file, p);
    const s = this.state();
    const m = s.monitor!;
    const baseline = s.entries.find((e) => e.type === 'monitor_started')?.baseline;
    if (!baseline) return;
    const observed = observedWindow(p, m.startedAt, now);
    const windowMinutes = elapsed ? m.windowMinutes : observed.minutes;
    const end = new Date(Date.parse(m.startedAt) + windowMinutes * 60_000).toISOString();
    const gapShare = windowMinutes
      ? Math.min(1, gapMinutesWithin(m.gaps, m.startedAt, end) / windowMinutes)
      : 0;
    await this.ctx.store.append(s.id, {
      type: 'monitor_done',
      summary: {
        startedAt: m.startedAt,
        endedAt: now.toISOString(),
        windowMinutes,
        fullWindow: elapsed && p.okPolls > 0 && gapShare <= MAX_GAP_SHARE,
        baseline,
        observed,
        anomalies: p.anomalies,
        gaps: m.gaps,
        gapShare,
        ...(endedEarly ? { endedEarly } : {}),
      },
    });
    this.ctx.emit('changes.changed', {
      changeId: s.id,
      connectionId: s.connectionId,
      siteId: s.siteId,
      target: s.target,
    });
  }
}
