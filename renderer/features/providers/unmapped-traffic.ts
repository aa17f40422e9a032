import type { LogEntry } from '../../../shared/contract';

/**
 * Events seen in recent logs that the mapping does not cover, with how often: these are dropped
 * as `skipped / no_mapping`, a silent gap worth a highlighted row.
 */
export function unmappedTraffic(
  entries: readonly LogEntry[],
  mapping: Record<string, string>,
): { event: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of entries) {
    if (e.test || Object.hasOwn(mapping, e.event)) continue;
    counts.set(e.event, (counts.get(e.event) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([event, count]) => ({ event, count }))
    .sort((a, b) => b.count - a.count);
}

export function trafficByEvent(entries: readonly LogEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) if (!e.test) counts.set(e.event, (counts.get(e.event) ?? 0) + 1);
  return counts;
}
