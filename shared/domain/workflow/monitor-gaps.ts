import { z } from 'zod';

/** After this long without reading the logs, the monitor raises it as an anomaly. */
export const GAP_ANOMALY_AFTER_MS = 2 * 60_000;
/** Gaps covering more than this share of the window make it "Monitoring incomplete". */
export const MAX_GAP_SHARE = 0.1;

/** An interval in which the monitor could not read the logs, and why. */
export const MonitorGap = z.object({ from: z.string(), to: z.string(), reason: z.string() });
export type MonitorGap = z.infer<typeof MonitorGap>;

/** Minutes of `gaps` inside [from, to] (overlaps counted once, each gap clipped to the window). */
export function gapMinutesWithin(gaps: readonly MonitorGap[], from: string, to: string): number {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const spans = gaps
    .map((g) => [Math.max(start, Date.parse(g.from)), Math.min(end, Date.parse(g.to))] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reach = start;
  for (const [a, b] of spans) {
    if (b <= reach) continue;
    total += b - Math.max(a, reach);
    reach = b;
  }
  return total / 60_000;
}

/** What a finished monitoring window amounts to. */
export type MonitorVerdict = 'complete' | 'incomplete' | 'cut_short';
export const MONITOR_VERDICT_LABELS: Record<MonitorVerdict, string> = {
  complete: 'Monitoring complete',
  incomplete: 'Monitoring incomplete',
  cut_short: 'Monitoring cut short',
};

export function monitorVerdict(summary: { fullWindow: boolean; gapShare: number }): MonitorVerdict {
  if (summary.gapShare > MAX_GAP_SHARE) return 'incomplete';
  return summary.fullWindow ? 'complete' : 'cut_short';
}

/** The journaled wording of a known-good close after an incomplete window. */
export const overrideText = (reason: string) => `closed without a full business cycle: ${reason}`;

/** "14:05", local time: how the operator reads a clock on screen and in notifications. */
export function hhmm(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
