import type { StreamSearched, TraceResult } from '../../bridge/calls/trace';
import type { LogEntry } from '../../contract/logs';
import { stopText } from './stop-text';

export interface MarkdownOptions {
  /** The display name of a destination (one name per target across the app). */
  label(s: StreamSearched): string;
  /** How times are written (local or UTC, per the operator's setting). */
  time(iso: string | undefined): string;
  site?: string | undefined;
}

export const CAPPED_NOTE =
  'So many lines were searched by text that not every line without the text was kept: a destination shown as not found may have logged the event without it. Trace the event id for a full answer.';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function line(e: LogEntry, o: MarkdownOptions): string {
  const bits = [
    o.time(e.timestamp),
    e.status,
    e.httpStatus !== undefined ? String(e.httpStatus) : '',
    e.mappedEvent && e.mappedEvent !== e.event ? `${e.event} → ${e.mappedEvent}` : e.event,
    `attempt ${e.attempt}`,
    e.error ? `${e.error.code}: ${e.error.message}` : '',
    e.reason ?? '',
  ];
  return bits.filter(Boolean).join(' · ');
}

function queryText(r: TraceResult): string {
  return r.query.kind === 'eventId' ? `event id \`${r.query.eventId}\`` : `text "${r.query.text}"`;
}

/** The trace as Markdown for an incident ticket: fates per destination, lines, what was searched. */
export function traceMarkdown(r: TraceResult, o: MarkdownOptions): string {
  const byKey = new Map(r.streams.map((s) => [s.key, s]));
  const out: string[] = [];
  out.push(`## Trace of ${queryText(r)}${o.site ? ` on ${o.site}` : ''}`);
  out.push('');
  out.push(
    `Traced ${o.time(r.startedAt)}: the retained buffers, then the last ${r.windowMinutes} minutes of each stream; ${r.requests} of ${r.budget} requests; ${r.state === 'complete' ? 'complete' : r.state === 'cancelled' ? 'cancelled (partial result)' : 'partial (see Searched)'}.`,
  );
  if (r.events.length === 0) {
    out.push('');
    out.push('**No entry matched in what was searched.**');
  }
  for (const ev of r.events) {
    out.push('');
    out.push(
      `### Event \`${ev.eventId}\`${ev.event ? ` (${ev.event})` : ''}${ev.firstAt ? `, first logged ${o.time(ev.firstAt)}` : ''}`,
    );
    out.push('');
    out.push('| Destination | Fate | Detail |');
    out.push('| --- | --- | --- |');
    for (const d of ev.destinations) {
      const s = byKey.get(d.key);
      out.push(`| ${cell(s ? o.label(s) : d.key)} | ${d.fate} | ${cell(d.detail)} |`);
    }
    for (const d of ev.destinations.filter((x) => x.lines.length > 0)) {
      const s = byKey.get(d.key);
      out.push('');
      out.push(`${s ? o.label(s) : d.key}:`);
      for (const e of d.lines) out.push(`- ${line(e, o)}`);
    }
  }
  if (r.linesCapped) {
    out.push('');
    out.push(CAPPED_NOTE);
  }
  if (r.moreEvents > 0) {
    out.push('');
    out.push(`${r.moreEvents} more events matched and are not shown; narrow the text.`);
  }
  out.push('');
  out.push('### Searched');
  out.push('');
  out.push('| Destination | From | To | Buffer lines | Pages | Stopped | Not reached |');
  out.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const s of r.streams)
    out.push(
      `| ${cell(o.label(s))} | ${o.time(s.from)} | ${o.time(s.to)} | ${s.retainedEntries} | ${s.pages} | ${cell(stopText(s.stop, s.error))} | ${s.notReachedBefore ? `before ${o.time(s.notReachedBefore)}` : '—'} |`,
    );
  return `${out.join('\n')}\n`;
}
