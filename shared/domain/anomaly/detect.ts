import type { Anomaly, RateWindow } from './schema';

/**
 * Thresholds, chosen so a quiet or short window does not cry wolf while a broken mapping is caught
 * on its first occurrence (classification is deterministic: one purchase skipped for `no_mapping`
 * proves every purchase is):
 * - failure rate up: failed / (sent + failed) in the monitor window is above the baseline by at least
 *   5 points AND at least twice the baseline, over at least MIN_SAMPLE delivery attempts;
 * - volume down (overall): forwarded per minute under half the baseline's, over at least MIN_SAMPLE
 *   expected events;
 * - volume down (per event): an event forwarded in >= 90% of its baseline occurrences is forwarded
 *   in under 50% of its monitor occurrences (at least one), i.e. it is now skipped or filtered;
 * - filtered share up: filtered / total is above the baseline by at least 10 points, over at least
 *   MIN_SAMPLE events.
 */
export const THRESHOLDS = {
  minSample: 20,
  failurePointsUp: 0.05,
  failureFactor: 2,
  volumeFactor: 0.5,
  eventForwardedBefore: 0.9,
  eventForwardedAfter: 0.5,
  filteredPointsUp: 0.1,
} as const;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const forwarded = (w: RateWindow) =>
  w.counts.sent + w.counts.failed + w.counts.retrying + w.counts.testMode;

export function detectAnomalies(baseline: RateWindow, monitor: RateWindow): Anomaly[] {
  const out: Anomaly[] = [];
  const t = THRESHOLDS;

  const attemptsB = baseline.counts.sent + baseline.counts.failed;
  const attemptsM = monitor.counts.sent + monitor.counts.failed;
  const failB = attemptsB ? baseline.counts.failed / attemptsB : 0;
  const failM = attemptsM ? monitor.counts.failed / attemptsM : 0;
  if (
    attemptsM >= t.minSample &&
    failM >= failB + t.failurePointsUp &&
    failM >= failB * t.failureFactor
  )
    out.push({
      code: 'failure_rate_up',
      message: `Failure rate up: ${pct(failM)} of deliveries failed (baseline ${pct(failB)}).`,
      baseline: failB,
      observed: failM,
    });

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
  }

  for (const [event, m] of Object.entries(monitor.events)) {
    const b = baseline.events[event];
    if (!b || b.total === 0 || m.total === 0) continue;
    const shareB = b.forwarded / b.total;
    const shareM = m.forwarded / m.total;
    if (shareB >= t.eventForwardedBefore && shareM < t.eventForwardedAfter) {
      const why = m.skipped >= m.filtered ? 'skipped (no mapping?)' : 'filtered';
      out.push({
        code: 'volume_down',
        event,
        message: `Volume down for ${event}: ${m.forwarded} of ${m.total} forwarded, the rest ${why} (baseline ${pct(shareB)} forwarded).`,
        baseline: shareB,
        observed: shareM,
      });
    }
  }

  const filtB = baseline.counts.total ? baseline.counts.filtered / baseline.counts.total : 0;
  const filtM = monitor.counts.total ? monitor.counts.filtered / monitor.counts.total : 0;
  if (monitor.counts.total >= t.minSample && filtM >= filtB + t.filteredPointsUp)
    out.push({
      code: 'filtered_share_up',
      message: `Filtered share up: ${pct(filtM)} of events filtered (baseline ${pct(filtB)}).`,
      baseline: filtB,
      observed: filtM,
    });
  return out;
}

/** A stable identity so the same anomaly is notified once, not on every poll. */
export function anomalyKey(a: Anomaly): string {
  return `${a.code}:${a.event ?? '*'}`;
}
