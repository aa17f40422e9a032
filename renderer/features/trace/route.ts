/** The route that traces one event across every destination of the site. */
export function tracePath(eventId: string): string {
  return `trace/event/${encodeURIComponent(eventId)}`;
}
