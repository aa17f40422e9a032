import type { LogEntry } from '../../contract/logs';

export interface FilteredShare {
  event: string;
  total: number;
  filtered: number;
  /** 0..100, rounded down so 99.6% never reads as "100%" while one event still went through. */
  percent: number;
}

/** Above this share a filter is suppressing most of an event: loud even when health is green. */
export const LOUD_SHARE = 50;

/**
 * Per canonical event, the share of log entries the provider's filters dropped. Retries of one
 * event are counted once (by eventId) so a retry storm does not dilute the share. With `since`,
 * only entries logged from then on count: the share under the configuration in force since that
 * time (a filter changed a minute ago is judged on its own minute, not diluted by the hour before).
 */
export function filteredShares(
  entries: readonly Pick<LogEntry, 'event' | 'eventId' | 'status' | 'test' | 'timestamp'>[],
  since?: string,
): FilteredShare[] {
  const seen = new Map<string, { total: number; filtered: number; ids: Set<string> }>();
  const from = since === undefined ? undefined : Date.parse(since);
  for (const e of entries) {
    if (e.test || (from !== undefined && Date.parse(e.timestamp) < from)) continue;
    const row = seen.get(e.event) ?? { total: 0, filtered: 0, ids: new Set<string>() };
    seen.set(e.event, row);
    if (row.ids.has(e.eventId)) continue;
    row.ids.add(e.eventId);
    row.total++;
    if (e.status === 'filtered') row.filtered++;
  }
  return [...seen.entries()]
    .filter(([, r]) => r.filtered > 0)
    .map(([event, r]) => ({
      event,
      total: r.total,
      filtered: r.filtered,
      percent: Math.floor((r.filtered / r.total) * 100),
    }))
    .sort((a, b) => b.percent - a.percent || b.filtered - a.filtered);
}

export function shareSentence(s: FilteredShare): string {
  return `${s.event}: ${s.percent}% filtered`;
}
