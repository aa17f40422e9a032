import { memo } from 'react';
import { logLineTime, utcTime, type TimeZoneChoice } from '../../../shared/domain/names';
import { Highlighted } from './Highlighted';
import type { Highlighter } from './regex';
import { TIME_BASE, type Row } from './row';

/** What the detail column shows of a line: its error, else its reason, else its payload summary. */
export function detailOf(row: Row): string {
  return row.code ? `${row.code}: ${row.message}` : row.reason || row.payload;
}

/**
 * One line. Every field is a React text child, so markup in an entry (`<script>` in an event
 * name or an error message) is shown as the characters it is, never parsed. Cut values show in
 * full on hover (title) and in the detail pane.
 */
export const LogRowView = memo(function LogRowView({
  row,
  top,
  selected,
  marked,
  showStream,
  highlight,
  zone,
  domId,
}: {
  row: Row;
  top: number;
  selected: boolean;
  marked: boolean;
  showStream: boolean;
  highlight: Highlighter | undefined;
  zone: TimeZoneChoice;
  domId: string;
}) {
  const cls = `log-row${marked ? ' marked' : ''}`;
  if (row.status === 'gap') {
    return (
      <div
        id={domId}
        role="option"
        aria-selected={selected}
        className={`${cls} log-gap`}
        style={{ transform: `translateY(${top}px)` }}
        data-seq={row.seq}
      >
        <span className="log-gap-text">{`⚠ ${showStream ? `${row.stream}: ` : ''}${row.message}`}</span>
      </div>
    );
  }
  const detail = detailOf(row);
  return (
    <div
      id={domId}
      role="option"
      aria-selected={selected}
      className={`${cls} st-${row.status}`}
      style={{ transform: `translateY(${top}px)` }}
      data-seq={row.seq}
      data-ts={row.ts}
    >
      {marked && <span className="sr-only">Marked. </span>}
      <span className="c-time" title={utcTime(row.t + TIME_BASE)}>
        {logLineTime(row.t + TIME_BASE, zone)}
      </span>
      {showStream && (
        <span className="c-stream" title={row.stream}>
          <Highlighted text={row.stream} hl={highlight} />
        </span>
      )}
      <span className="c-status">{row.status}</span>
      <span className="c-http">{row.http || ''}</span>
      <span className="c-event" title={row.event}>
        <Highlighted text={row.event} hl={highlight} />
      </span>
      <span className="c-attempt">{row.attempt > 1 ? `#${row.attempt}` : ''}</span>
      <span className="c-ms">{row.ms >= 0 ? `${Math.round(row.ms)} ms` : ''}</span>
      <span className="c-detail" title={detail}>
        <Highlighted text={detail} hl={highlight} />
      </span>
    </div>
  );
});
