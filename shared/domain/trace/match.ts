import type { LogEntry } from '../../contract/logs';

/**
 * The text of an entry a trace by text looks in: ids, names, error, reason and every value of the
 * payload summary (where order and transaction ids are). Lower-cased once per entry.
 */
export function entryText(e: LogEntry): string {
  const parts: string[] = [e.eventId, e.event];
  if (e.mappedEvent) parts.push(e.mappedEvent);
  if (e.error) parts.push(e.error.code, e.error.message);
  if (e.reason) parts.push(e.reason);
  if (e.payload) parts.push(JSON.stringify(e.payload));
  return parts.join('\u0000').toLowerCase();
}

/** A matcher for one query: the exact event id, or a case-insensitive substring. */
export function entryMatcher(
  query: { kind: 'eventId'; eventId: string } | { kind: 'text'; text: string },
): (e: LogEntry) => boolean {
  if (query.kind === 'eventId') {
    const id = query.eventId.trim();
    return (e) => e.eventId === id;
  }
  const needle = query.text.trim().toLowerCase();
  return (e) => entryText(e).includes(needle);
}
