import { join } from 'node:path';
import { z } from 'zod';
import type { MonitorProgress } from '../../../shared/bridge/calls/changes';
import { addEntries, emptyCounts } from '../../../shared/domain/anomaly/counts';
import { anomalyKey, detectAnomalies } from '../../../shared/domain/anomaly/detect';
import {
  Anomaly,
  EventCounts,
  StatusCounts,
  type RateWindow,
} from '../../../shared/domain/anomaly/schema';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import type { LogEntry } from '../../../shared/contract';
import { loadJsonFile, saveJsonFile } from '../fs/json-file';
import { errorText, ioOf, type ChangeCtx } from './context';
import { targetName } from '../../../shared/domain/names/target-name';

/** The monitor's running tally, saved after every poll so a restart continues rather than restarts. */
const Progress = z.object({
  schemaVersion: z.literal(1),
  cursor: z.number().int(),
  counts: StatusCounts,
  events: EventCounts,
  notified: z.array(z.string()),
  anomalies: z.array(Anomaly),
  lastError: z.string().optional(),
  /** Polls that reached the logs: a window the API was down for all along was not monitored. */
  okPolls: z.number().int().default(0),
});
type Progress = z.infer<typeof Progress>;

const PAGE = 500;
const MAX_PAGES = 10;

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
    private readonly dir: string,
  ) {}

  private get file() {
    return join(this.dir, `${this.changeId}.monitor.json`);
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

  /** Stops polling; `finish` journals the summary (fullWindow false when cut short). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
  }

  private async load(): Promise<Progress> {
    const r = await loadJsonFile(this.file, Progress, { newestVersion: 1 });
    return r.state === 'ok'
      ? r.value
      : {
          schemaVersion: 1,
          cursor: -1,
          counts: emptyCounts(),
          events: {},
          notified: [],
          anomalies: [],
          okPolls: 0,
        };
  }

  private observed(p: Progress, startedAt: string, now: Date): RateWindow {
    const minutes = Math.max(0, (now.getTime() - Date.parse(startedAt)) / 60_000);
    return { from: startedAt, to: now.toISOString(), minutes, counts: p.counts, events: p.events };
  }

  /** Newest-first pages until the last entry already counted (or the start of the window). */
  private async fresh(p: Progress, startedAt: number): Promise<LogEntry[]> {
    const io = ioOf(this.ctx, this.state());
    const out: LogEntry[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const entries = (await io.logs(PAGE, page * PAGE)) ?? [];
      for (const e of entries) {
        if (e.id <= p.cursor || Date.parse(e.timestamp) < startedAt) return out;
        out.push(e);
      }
      if (entries.length < PAGE) break;
    }
    return out;
  }

  async tick(): Promise<void> {
    const s = this.state();
    const m = s.monitor;
    if (!m || m.summary || !s.open || this.stopped) return;
    const p = await this.load();
    const now = this.ctx.now();
    try {
      const entries = await this.fresh(p, Date.parse(m.startedAt));
      if (entries.length) p.cursor = Math.max(p.cursor, ...entries.map((e) => e.id));
      addEntries(p.counts, p.events, entries);
      p.okPolls++;
      delete p.lastError;
    } catch (error) {
      p.lastError = errorText(error);
    }
    const baseline = s.entries.find((e) => e.type === 'monitor_started')?.baseline;
    if (!baseline) return;
    const observed = this.observed(p, m.startedAt, now);
    const found = detectAnomalies(baseline, observed);
    const fresh = found.filter((a) => !p.notified.includes(anomalyKey(a)));
    p.anomalies = found;
    p.notified.push(...fresh.map(anomalyKey));
    await saveJsonFile(this.file, p);
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
      anomalies: found,
      ...(p.lastError ? { lastError: p.lastError } : {}),
    };
    this.ctx.emit('changes.monitor', this.latest);
    if (!running) {
      this.stopped = true;
      await this.finish(true);
    }
  }

  /** Journals the monitoring summary once; `fullWindow` says whether the whole cycle was watched. */
  async finish(fullWindow: boolean): Promise<void> {
    const s = this.state();
    if (!s.monitor || s.monitor.summary) return;
    const p = await this.load();
    const baseline = s.entries.find((e) => e.type === 'monitor_started')?.baseline;
    if (!baseline) return;
    const now = this.ctx.now();
    const observed = this.observed(p, s.monitor.startedAt, now);
    await this.ctx.store.append(s.id, {
      type: 'monitor_done',
      summary: {
        startedAt: s.monitor.startedAt,
        endedAt: now.toISOString(),
        windowMinutes: fullWindow ? s.monitor.windowMinutes : observed.minutes,
        fullWindow: fullWindow && p.okPolls > 0,
        baseline,
        observed,
        anomalies: p.anomalies,
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
