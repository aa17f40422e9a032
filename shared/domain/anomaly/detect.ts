import type { Anomaly, RateWindow } from './schema';

/**
 * The monitor's rules, each tested against the sandbox's drills (test/unit/domain/anomaly-drills
 * .test.ts). Minimum samples keep a quiet or short window from crying wolf; a broken mapping is
 * still caught on its first occurrence (classification is deterministic: one purchase skipped for
 * `no_mapping` proves every purchase is).
 * - failure rate up: failed / (sent + failed) rises by at least 5 points AND to at least twice the
 *   baseline (0% -> 5% qualifies), over at least 10 delivery attempts;
 * - volume down: forwarded per minute under half the baseline's, overall (at least 20 expected)
 *   and per event with traffic (at least 30 expected: rarer events are judged on their share); an event forwarded in >= 90% of its baseline
 *   occurrences and < 50% now is down on its first occurrence;
 * - filtered share up: the share of an event (or of all events) that filters drop rises by at
 *   least 30 points, over at least 5 occurrences of the event (20 events overall);
 * - silence: no delivery for 3x the baseline's inter-arrival time (detectSilence).
 */
export const THRESHOLDS = {
  minSample: 20,
  minAttempts: 10,
  failurePointsUp: 0.05,
  failureFactor: 2,
  volumeFactor: 0.5,
  minEventSample: 30,
  eventForwardedBefore: 0.9,
  eventForwardedAfter: 0.5,
  filteredPointsUp: 0.3,
  minFilteredSample: 5,
  silenceFactor: 3,
  minSilenceSample: 10,
} as const;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const forwarded = (w: RateWindow) =>
  w.counts.sent + w.counts.failed + w.counts.retrying + w.counts.testMode;

function failureRate(baseline: RateWindow, monitor: RateWindow): Anomaly[] {
  const t = THRESHOLDS;
  const attemptsB = baseline.counts.sent + baseline.counts.failed;
  const attemptsM = monitor.counts.sent + monitor.counts.failed;
  const failB = attemptsB ? baseline.counts.failed / attemptsB : 0;
  const failM = attemptsM ? monitor.counts.failed / attemptsM : 0;
  if (
    attemptsM < t.minAttempts ||
    failM < failB + t.failurePointsUp ||
    failM < failB * t.failureFactor
  )
    return [];
  return [
    {
      code: 'failure_rate_up',
      message: `Failure rate up: ${pct(failM)} of ${attemptsM} deliveries failed (baseline ${pct(failB)}).`,
      baseline: failB,
      observed: failM,
    },
  ];
}

function volume(baseline: RateWindow, monitor: RateWindow): Anomaly[] {
  const t = THRESHOLDS;
  const out: Anomaly[] = [];
  // Per-minute volume needs both windows to have a measurable span.
  if (baseline.minutes > 0 && monitor.minutes > 0) {
    const rateB = forwarded(baseline) / baseline.minutes;
    const rateM = forwarded(monitor) / monitor.minutes;
    if (rateB * monitor.minutes >= t.minSample && rateM < rateB * t.volumeFactor)
      out.push({
        code: 'volume_down',
        message: `Volume down: ${rateM.toFixed(1)} forwarded/min (baseline ${rateB.toFixed(1)}/min).`,
        baseline: rateB,
        observed: rateM,
      });
    for (const [event, b] of Object.entries(baseline.events)) {
      const rateEB = b.forwarded / baseline.minutes;
      const rateEM = (monitor.events[event]?.forwarded ?? 0) / monitor.minutes;
      if (rateEB * monitor.minutes >= t.minEventSample && rateEM < rateEB * t.volumeFactor)
        out.push({
          code: 'volume_down',
          event,
          message: `Volume down for ${event}: ${rateEM.toFixed(1)} forwarded/min (baseline ${rateEB.toFixed(1)}/min).`,
          baseline: rateEB,
          observed: rateEM,
        });
    }
  }
  for (const [event, m] of Object.entries(monitor.events)) {
    const b = baseline.events[event];
    if (!b || b.total === 0 || m.total === 0) continue;
    const shareB = b.forwarded / b.total;
    const shareM = m.forwarded / m.total;
    if (shareB >= t.eventForwardedBefore && shareM < t.eventForwardedAfter) {
      const message = `for ${event}: ${m.forwarded} of ${m.total} forwarded, the rest`;
      // Dropped by a filter is the filtered-share rule's finding (one key, so one alert), in
      // filtered shares; skipped (no mapping) is a volume drop, in forwarded shares.
      out.push(
        m.filtered > m.skipped
          ? {
              code: 'filtered_share_up',
              event,
              message: `Filtered share up ${message} filtered (baseline ${pct(b.filtered / b.total)} filtered).`,
              baseline: b.filtered / b.total,
              observed: m.filtered / m.total,
            }
          : {
              code: 'volume_down',
              event,
              message: `Volume down ${message} skipped (no mapping?) (baseline ${pct(shareB)} forwarded).`,
              baseline: shareB,
              observed: shareM,
            },
      );
    }
  }
  return out;
}

function filteredShare(baseline: RateWindow, monitor: RateWindow): Anomaly[] {
  const t = THRESHOLDS;
  const out: Anomaly[] = [];
  const share = (filtered: number, total: number) => (total ? filtered / total : 0);
  for (const [event, m] of Object.entries(monitor.events)) {
    const b = baseline.events[event];
    const shareB = b ? share(b.filtered, b.total) : 0;
    const shareM = share(m.filtered, m.total);
    if (m.total >= t.minFilteredSample && shareM >= shareB + t.filteredPointsUp)
      out.push({
        code: 'filtered_share_up',
        event,
        message: `Filtered share up for ${event}: ${pct(shareM)} of ${m.total} filtered (baseline ${pct(shareB)}).`,
        baseline: shareB,
        observed: shareM,
      });
  }
  const filtB = share(baseline.counts.filtered, baseline.counts.total);
  const filtM = share(monitor.counts.filtered, monitor.counts.total);
  if (monitor.counts.total >= t.minSample && filtM >= filtB + t.filteredPointsUp)
    out.push({
      code: 'filtered_share_up',
      message: `Filtered share up: ${pct(filtM)} of events filtered (baseline ${pct(filtB)}).`,
      baseline: filtB,
      observed: filtM,
    });
  return out;
}

/** Every rule on one pair of windows; one anomaly per key (the first rule to find it words it). */
export function detectAnomalies(baseline: RateWindow, monitor: RateWindow): Anomaly[] {
  return uniqueAnomalies([
    ...failureRate(baseline, monitor),
    ...volume(baseline, monitor),
    ...filteredShare(baseline, monitor),
  ]);
}

export function uniqueAnomalies(list: readonly Anomaly[]): Anomaly[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = anomalyKey(a);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Silence shorter than this is not raised by the monitor or the watch: traffic arrives in random
 * bursts (a gap of three average gaps happens every few seconds on a busy site) and both read the
 * logs or health every few seconds, while an outage lasts.
 */
export const SILENCE_FLOOR_MS = 30_000;

/**
 * Silence: nothing delivered for `silenceFactor` times the baseline's inter-arrival time (its
 * window span over its sent count), counted from the last delivery seen or, before any, from
 * `since`. `floorMs` is the caller's reading granularity (a monitor polling every few seconds
 * cannot see a shorter silence, and Poisson traffic has short gaps all the time).
 */
export function detectSilence(
  baseline: RateWindow,
  lastDeliveryAt: string | undefined,
  since: string,
  now: Date,
  floorMs = 0,
): Anomaly | undefined {
  const t = THRESHOLDS;
  if (baseline.counts.sent < t.minSilenceSample || baseline.minutes <= 0) return undefined;
  const gapMs = (baseline.minutes * 60_000) / baseline.counts.sent;
  const limit = Math.max(t.silenceFactor * gapMs, floorMs);
  const from = Math.max(Date.parse(lastDeliveryAt ?? since), Date.parse(since));
  const quiet = now.getTime() - from;
  if (!(quiet > limit)) return undefined;
  return {
    code: 'silence',
    message: `Silence: nothing delivered for ${seconds(quiet)} (baseline: one delivery every ${seconds(gapMs)}).`,
    baseline: gapMs / 1000,
    observed: quiet / 1000,
  };
}

const seconds = (ms: number) =>
  ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${+(ms / 1000).toFixed(1)} s`;

/** A stable identity so the same anomaly is notified once, not on every poll. */
export function anomalyKey(a: Anomaly): string {
  return `${a.code}:${a.event ?? '*'}`;
}
