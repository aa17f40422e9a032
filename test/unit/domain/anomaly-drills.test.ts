import { afterEach, describe, expect, it } from 'vitest';
import { addMinutes } from './time';
import { countEntries, recentWindow, type Tally } from '../../../main/core/changes/monitor-tally';
import type { LogEntry, ProviderKey } from '../../../shared/contract';
import {
  detectAnomalies,
  detectSilence,
  emptyCounts,
  windowFromEntries,
  type Anomaly,
} from '../../../shared/domain/anomaly';
import { eventually, startHarness, type Harness } from '../../contract/helpers';

/**
 * Each anomaly rule fed from the sandbox's drills: a baseline read from the real log endpoint,
 * the drill started over HTTP, then the entries logged since the drill started, as the monitor
 * reads them. A provider the drill does not touch is the control: it must stay quiet.
 */
let hh: Harness;
afterEach(async () => {
  await hh.stop();
});

async function open(): Promise<Harness> {
  return startHarness({ eventsPerSecond: 60, historyEvents: 600 });
}

async function logs(provider: ProviderKey): Promise<LogEntry[]> {
  const r = await hh.api('GET', `/sites/${hh.site}/integrations/${provider}/logs?limit=500`);
  return (r.body as { entries: LogEntry[] }).entries;
}

const since = (entries: LogEntry[], iso: string) =>
  entries.filter((e) => !e.test && e.timestamp >= iso);

async function drill(name: string): Promise<string> {
  const startedAt = new Date().toISOString();
  const r = await hh.api('POST', `/__sandbox/scenarios/${name}`, { body: { siteId: hh.site } });
  expect(r.status).toBeLessThan(300);
  return startedAt;
}

/** Entries of `provider` logged since `from`, once `enough` says the sample is big enough. */
async function after(
  provider: ProviderKey,
  from: string,
  enough: (e: LogEntry[]) => boolean,
): Promise<LogEntry[]> {
  return eventually(async () => {
    const fresh = since(await logs(provider), from);
    return enough(fresh) ? fresh : undefined;
  }, 20_000);
}

const codes = (a: Anomaly[]) => a.map((x) => `${x.code}:${x.event ?? '*'}`);

describe('anomaly rules against the sandbox drills', () => {
  it(
    'credentials_revoked: Meta failures rise from 0% to >= 5% over >= 10 deliveries; GA4 stays quiet',
    { timeout: 40_000 },
    async () => {
      hh = await open();
      const baseline = windowFromEntries(await logs('meta'));
      const ga4Baseline = windowFromEntries(await logs('ga4'));
      expect(baseline.counts.failed / (baseline.counts.sent + baseline.counts.failed)).toBeLessThan(
        0.05,
      );
      const from = await drill('credentials_revoked');
      const meta = await after(
        'meta',
        from,
        (e) => e.filter((x) => x.status === 'failed').length >= 10,
      );
      const found = detectAnomalies(baseline, windowFromEntries(meta));
      expect(codes(found)).toContain('failure_rate_up:*');
      expect(found.find((a) => a.code === 'failure_rate_up')!.observed).toBeGreaterThanOrEqual(
        0.05,
      );

      const ga4 = since(await logs('ga4'), from);
      expect(codes(detectAnomalies(ga4Baseline, windowFromEntries(ga4)))).not.toContain(
        'failure_rate_up:*',
      );
    },
  );

  it(
    'a mid-window rise is caught on the recent minutes, not averaged away by the hour before it',
    { timeout: 40_000 },
    async () => {
      hh = await open();
      const normal = await logs('meta');
      const baseline = windowFromEntries(normal);
      const from = await drill('credentials_revoked');
      const failing = await after(
        'meta',
        from,
        (e) => e.filter((x) => x.status === 'failed').length >= 12,
      );
      // The monitor has watched for an hour: 58 minutes of normal traffic, then the drill's
      // entries in the last two minutes, each minute as busy as the others (the sandbox's own
      // entries, re-timed onto that hour).
      const now = new Date();
      const start = addMinutes(now, -60);
      const k = failing.length;
      const minuteOf = (entries: LogEntry[], minute: number) =>
        entries.map((e, j) => ({
          ...e,
          timestamp: addMinutes(start, minute + j / k).toISOString(),
        }));
      const hour = [
        ...Array.from({ length: 58 }, (_, m) =>
          minuteOf(
            Array.from({ length: k }, (_, j) => normal[(m * k + j) % normal.length]!),
            m,
          ),
        ).flat(),
        ...minuteOf(failing, 58),
        ...minuteOf(failing, 59),
      ];
      const tally: Tally = {
        schemaVersion: 1,
        cursor: -1,
        counts: emptyCounts(),
        events: {},
        notified: [],
        anomalies: [],
        okPolls: 1,
        recent: [],
      };
      countEntries(tally, hour, now);
      const cumulative = {
        from: start.toISOString(),
        to: now.toISOString(),
        minutes: 60,
        counts: tally.counts,
        events: tally.events,
      };
      const share = tally.counts.failed / (tally.counts.sent + tally.counts.failed);
      expect(share).toBeLessThan(0.05);
      expect(codes(detectAnomalies(baseline, cumulative))).not.toContain('failure_rate_up:*');
      const recent = recentWindow(tally, start.toISOString(), now)!;
      expect(recent.minutes).toBe(10);
      expect(codes(detectAnomalies(baseline, recent))).toContain('failure_rate_up:*');
    },
  );

  it(
    'mapping_overwrite: add_to_cart and purchase drop >= 50% on Meta; GA4 (untouched) stays quiet',
    { timeout: 40_000 },
    async () => {
      hh = await open();
      const baseline = windowFromEntries(await logs('meta'));
      const ga4Baseline = windowFromEntries(await logs('ga4'));
      const from = await drill('mapping_overwrite');
      const meta = await after(
        'meta',
        from,
        (e) => e.filter((x) => x.event === 'add_to_cart').length >= 30,
      );
      const found = detectAnomalies(baseline, windowFromEntries(meta));
      expect(codes(found)).toEqual(
        expect.arrayContaining(['volume_down:add_to_cart', 'volume_down:purchase']),
      );
      const cart = found.find((a) => a.event === 'add_to_cart')!;
      expect(cart.observed).toBeLessThanOrEqual(cart.baseline * 0.5);

      const ga4 = since(await logs('ga4'), from);
      expect(detectAnomalies(ga4Baseline, windowFromEntries(ga4))).toEqual([]);
    },
  );

  it(
    'filter_suppression: the filtered share of purchase rises by >= 30 points on every provider',
    { timeout: 40_000 },
    async () => {
      hh = await open();
      const baselines = {
        ga4: windowFromEntries(await logs('ga4')),
        meta: windowFromEntries(await logs('meta')),
      };
      const from = await drill('filter_suppression');
      for (const provider of ['ga4', 'meta'] as const) {
        const fresh = await after(
          provider,
          from,
          (e) => e.filter((x) => x.event === 'purchase').length >= 5,
        );
        const found = detectAnomalies(baselines[provider], windowFromEntries(fresh));
        const purchase = found.find((a) => a.event === 'purchase')!;
        expect(purchase.code).toBe('filtered_share_up');
        expect(purchase.observed - purchase.baseline).toBeGreaterThanOrEqual(0.3);
      }
    },
  );

  it(
    'silence: no Meta delivery for 3x its inter-arrival time once credentials are revoked; GA4 keeps delivering',
    { timeout: 40_000 },
    async () => {
      hh = await open();
      const metaLogs = await logs('meta');
      const baseline = windowFromEntries(metaLogs);
      const ga4Baseline = windowFromEntries(await logs('ga4'));
      const from = await drill('credentials_revoked');
      // A one-second floor: the rule is 3x the inter-arrival time (tens of ms at this rate), read
      // no finer than the test polls.
      const floor = 1000;
      const found = await eventually(async () => {
        const meta = await logs('meta');
        const lastSent = meta.find((e) => e.status === 'sent' && !e.test)?.timestamp;
        return detectSilence(baseline, lastSent, from, new Date(), floor);
      }, 20_000);
      expect(found.code).toBe('silence');
      expect(found.observed).toBeGreaterThan(3 * found.baseline);

      const ga4 = await logs('ga4');
      const ga4Last = ga4.find((e) => e.status === 'sent' && !e.test)?.timestamp;
      expect(detectSilence(ga4Baseline, ga4Last, from, new Date(), floor)).toBeUndefined();
    },
  );
});
