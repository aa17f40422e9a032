import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiService, type ApiService } from '../../../main/core/api';
import type { ChangeCtx } from '../../../main/core/changes/context';
import { MonitorRunner } from '../../../main/core/changes/monitor';
import { ChangeStore } from '../../../main/core/changes/store';
import { startSandbox, type RunningSandbox } from '../../../main/sandbox';
import type { EventName } from '../../../shared/bridge';
import { emptyCounts } from '../../../shared/domain/anomaly/counts';
import {
  GAP_ANOMALY_AFTER_MS,
  monitorVerdict,
  type ChangeState,
} from '../../../shared/domain/workflow';

const TOKEN = 'monitor-gaps-token-1234';
const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

/**
 * The monitor against a real sandbox that is stopped and started again on the same port, on a
 * clock the test moves: gaps, the 2-minute anomaly and the verdict, without waiting minutes.
 */
class Rig {
  readonly dir = mkdtempSync(join(tmpdir(), 'monitor-gaps-'));
  readonly events: { name: EventName; payload: unknown }[] = [];
  sandbox!: RunningSandbox;
  api!: ApiService;
  store = new ChangeStore(join(this.dir, 'changes'), () => this.now);
  now = at(0);
  runner!: MonitorRunner;
  siteId = '';

  async open(windowMinutes: number): Promise<this> {
    await this.startApi(0);
    this.api = createApiService({
      connections: {
        resolve: () =>
          Promise.resolve({
            profile: {
              id: 'c1',
              name: 'Remote',
              kind: 'remote' as const,
              environment: 'production' as const,
              color: 'red' as const,
              baseUrl: this.sandbox.url,
              authScheme: 'bearer' as const,
              hasToken: true,
            },
            token: TOKEN,
          }),
      },
      cacheDir: join(this.dir, 'cache'),
      emit: (name, payload) => this.events.push({ name, payload }),
      limits: { maxAttempts: 1, connectTimeoutMs: 500, deadlineMs: 2000 },
      proxyEnv: {},
    });
    const id = 'chg-gaps';
    const window = {
      from: at(-60).toISOString(),
      to: at(0).toISOString(),
      minutes: 1,
      counts: emptyCounts(),
      events: {},
    };
    await this.store.append(id, {
      type: 'started',
      changeId: id,
      connectionId: 'c1',
      siteId: this.siteId,
      target: 'ga4',
      operator: 'Ada',
      kind: 'change',
    });
    await this.store.append(id, {
      type: 'monitor_started',
      windowMinutes,
      endsAt: at(windowMinutes * 60).toISOString(),
      baseline: window,
    });
    const ctx = {
      store: this.store,
      api: this.api,
      emit: (name: EventName, payload: unknown) => this.events.push({ name, payload }),
      now: () => this.now,
    } as unknown as ChangeCtx;
    this.runner = new MonitorRunner(ctx, id, join(this.dir, 'changes'));
    return this;
  }

  async startApi(port: number): Promise<void> {
    this.sandbox = await startSandbox({
      token: TOKEN,
      dataDir: join(this.dir, 'api'),
      port,
      seed: 3,
      eventsPerSecond: 20,
      historyEvents: 50,
    });
    this.siteId = this.sandbox.siteIds[0]!;
  }

  async tickAt(seconds: number): Promise<void> {
    this.now = at(seconds);
    await this.runner.tick();
  }

  get state(): ChangeState {
    return this.store.get('chg-gaps')!.state;
  }

  anomalies(): string[] {
    return this.state.anomalies.filter((a) => a.code === 'logs_unreachable').map((a) => a.message);
  }

  async dispose(): Promise<void> {
    await this.runner.stop();
    await this.api.close();
    await this.sandbox.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

let rig: Rig;
beforeEach(() => {
  rig = new Rig();
});
afterEach(async () => {
  await rig.dispose();
});

describe('the monitor records the time it could not read the logs', () => {
  it(
    'an outage is a gap (start, end, reason), "unreachable since" while it lasts, an anomaly after 2 minutes, and "Monitoring incomplete" above 10% of the window',
    { timeout: 60_000 },
    async () => {
      await rig.open(10);
      await rig.tickAt(5);
      expect(rig.runner.latest?.unreachableSince).toBeUndefined();
      const port = rig.sandbox.port;
      await rig.sandbox.close();

      await rig.tickAt(60);
      // Unwatched since the last successful read, not since the first failure was noticed.
      expect(rig.runner.latest?.unreachableSince).toBe(at(5).toISOString());
      expect(rig.runner.latest?.lastError).toBeTruthy();
      await rig.tickAt(5 + GAP_ANOMALY_AFTER_MS / 1000 - 1);
      expect(rig.anomalies()).toEqual([]);
      await rig.tickAt(5 + GAP_ANOMALY_AFTER_MS / 1000 + 1);
      expect(rig.anomalies()).toHaveLength(1);
      expect(rig.anomalies()[0]).toMatch(/^Logs unreachable since \d\d:\d\d \(2 min\)/);
      expect(rig.events.filter((e) => e.name === 'changes.anomaly')).toHaveLength(1);
      await rig.tickAt(200);
      expect(rig.anomalies()).toHaveLength(1); // raised once per gap

      await rig.startApi(port);
      await rig.tickAt(245);
      expect(rig.runner.latest?.unreachableSince).toBeUndefined();
      const gaps = rig.state.entries.filter((e) => e.type === 'monitor_gap');
      expect(gaps).toMatchObject([{ from: at(5).toISOString(), to: at(245).toISOString() }]);
      expect((gaps[0] as { reason: string }).reason).toMatch(/ECONNREFUSED|connect|reach/i);
      expect(rig.runner.latest?.gapMinutes).toBeCloseTo(4, 5);

      await rig.tickAt(601); // the window ends
      const summary = rig.state.monitor!.summary!;
      expect(summary.fullWindow).toBe(false);
      expect(summary.gapShare).toBeCloseTo(0.4, 5);
      expect(summary.gaps).toHaveLength(1);
      expect(monitorVerdict(summary)).toBe('incomplete');
    },
  );

  it('a short outage (under 10% of the window) leaves the window complete', async () => {
    await rig.open(10);
    await rig.tickAt(5);
    const port = rig.sandbox.port;
    await rig.sandbox.close();
    await rig.tickAt(20);
    await rig.startApi(port);
    await rig.tickAt(40); // 35 s of 600 without logs
    await rig.tickAt(601);
    const summary = rig.state.monitor!.summary!;
    expect(summary.gapShare).toBeCloseTo(35 / 600, 5);
    expect(summary.fullWindow).toBe(true);
    expect(monitorVerdict(summary)).toBe('complete');
    expect(rig.anomalies()).toEqual([]);
  });

  it('an outage still open when the window ends is closed at the end of the window', async () => {
    await rig.open(1);
    await rig.tickAt(5);
    await rig.sandbox.close();
    await rig.tickAt(30);
    await rig.tickAt(61);
    const summary = rig.state.monitor!.summary!;
    expect(summary.gaps).toMatchObject([{ from: at(5).toISOString(), to: at(60).toISOString() }]);
    expect(summary.gapShare).toBeCloseTo(55 / 60, 5);
    expect(monitorVerdict(summary)).toBe('incomplete');
    await rig.startApi(0);
  });
});
