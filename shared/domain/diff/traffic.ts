import type { LogEntry } from '../../contract/logs';

/**
 * Which canonical events actually occur on the site, from a page of recent logs. Every status
 * counts (a `skipped: no_mapping` purchase still proves purchases happen), except test-endpoint runs.
 */
export type Traffic = Record<string, number>;

export function trafficFromLogs(entries: readonly Pick<LogEntry, 'event' | 'test'>[]): Traffic {
  const traffic: Traffic = Object.create(null) as Traffic;
  for (const e of entries) {
    if (e.test) continue;
    traffic[e.event] = (traffic[e.event] ?? 0) + 1;
  }
  return traffic;
}

/** A recent payload of one canonical event, used to prove that a new filter drops it. */
export interface EventSample {
  event: string;
  payload: unknown;
}

/**
 * What recent logs prove about a site's traffic: which events occur, and the payload summaries of
 * the entries that reached the mapping (a filtered entry's payload is its failing condition).
 */
export function evidenceFromLogs(
  entries: readonly Pick<LogEntry, 'event' | 'test' | 'status' | 'payload'>[],
): { traffic: Traffic; samples: EventSample[] } {
  return {
    traffic: trafficFromLogs(entries),
    samples: entries
      .filter((e) => e.payload && e.status !== 'filtered' && !e.test)
      .map((e) => ({ event: e.event, payload: e.payload })),
  };
}
