import type { LogEntry } from '../../contract/logs';
import type { EventCounts, RateWindow, StatusCounts } from './schema';

export function emptyCounts(): StatusCounts {
  return { total: 0, sent: 0, failed: 0, retrying: 0, filtered: 0, skipped: 0, testMode: 0 };
}

type Countable = Pick<LogEntry, 'event' | 'status' | 'test' | 'timestamp'>;

/** Adds entries to running counts (mutates: the monitor accumulates poll after poll). */
export function addEntries(
  counts: StatusCounts,
  events: EventCounts,
  entries: readonly Countable[],
): void {
  for (const e of entries) {
    // Test-endpoint runs are the operator's own probes, not traffic.
    if (e.test) continue;
    counts.total++;
    const ev = (events[e.event] ??= { total: 0, forwarded: 0, filtered: 0, skipped: 0 });
    ev.total++;
    switch (e.status) {
      case 'sent':
        counts.sent++;
        ev.forwarded++;
        break;
      case 'failed':
        counts.failed++;
        ev.forwarded++;
        break;
      case 'retrying':
        counts.retrying++;
        ev.forwarded++;
        break;
      case 'test_mode':
        counts.testMode++;
        ev.forwarded++;
        break;
      case 'filtered':
        counts.filtered++;
        ev.filtered++;
        break;
      case 'skipped':
        counts.skipped++;
        ev.skipped++;
        break;
    }
  }
}

/** A window from a page of logs (newest first or not): its span is first to last timestamp. */
export function windowFromEntries(entries: readonly Countable[], now = new Date()): RateWindow {
  const counts = emptyCounts();
  const events: EventCounts = {};
  addEntries(counts, events, entries);
  const times = entries
    .filter((e) => !e.test)
    .map((e) => Date.parse(e.timestamp))
    .filter(Number.isFinite);
  const from = times.length ? Math.min(...times) : now.getTime();
  const to = times.length ? Math.max(...times) : now.getTime();
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    minutes: Math.max(0, (to - from) / 60_000),
    counts,
    events,
  };
}

/** Events per minute; undefined when the window is too short to say (under one second). */
export function perMinute(n: number, minutes: number): number | undefined {
  return minutes >= 1 / 60 ? n / minutes : undefined;
}
