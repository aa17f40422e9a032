import { utcTime } from '../../../shared/domain/names';
import { memo } from 'react';
import { clockTime, type Row } from './row';

/**
 * One line. Every field is a React text child, so markup in an entry (`<script>` in an event
 * name or an error message) is shown as the characters it is, never parsed.
 */
export const LogRowView = memo(function LogRowView({
  row,
  top,
  selected,
  showStream,
  domId,
}: {
  row: Row;
  top: number;
  selected: boolean;
  showStream: boolean;
  domId: string;
}) {
  if (row.status === 'gap') {
    return (
      <div
        id={domId}
        role="option"
        aria-selected={selected}
        className="log-row log-gap"
        style={{ transform: `translateY(${top}px)` }}
        data-seq={row.seq}
      >
        <span className="log-gap-text">{`⚠ ${showStream ? `${row.stream}: ` : ''}${row.message}`}</span>
      </div>
    );
  }
  const detail = row.code ? `${row.code}: ${row.message}` : row.reason || row.payload;
  return (
    <div
      id={domId}
      role="option"
      aria-selected={selected}
      className={`log-row st-${row.status}`}
      style={{ transform: `translateY(${top}px)` }}
      data-seq={row.seq}
    >
      <span className="c-time" title={utcTime(row.ts)}>
        {clockTime(row.ts)}
      </span>
      {showStream && <span className="c-stream">{row.stream}</span>}
      <span className="c-status">{row.status}</span>
      <span className="c-http">{row.http || ''}</span>
      <span className="c-event">{row.event}</span>
      <span className="c-attempt">{row.attempt > 1 ? `#${row.attempt}` : ''}</span>
      <span className="c-ms">{row.ms >= 0 ? `${Math.round(row.ms)} ms` : ''}</span>
      <span className="c-detail">{detail}</span>
    </div>
  );
});
