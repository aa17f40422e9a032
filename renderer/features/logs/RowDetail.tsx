import { useState } from 'react';
import { useRouter } from '../../app/router-store';
import { copyText } from '../../ui/copy-text';
import { tracePath } from '../trace/route';
import { zonedTime, type TimeZoneChoice } from '../../ui/time-zone';
import { rowAsEntry, type Row } from './row';

/** Copies one line as the JSON of its entry; says so, or shows the text when the clipboard refuses. */
export async function copyRowJson(row: Row): Promise<{ ok: boolean; text: string }> {
  const text = JSON.stringify(rowAsEntry(row), null, 2);
  return { ok: await copyText(text), text };
}

/** The selected line in full: error, attempt, latency, reason and the redacted payload summary. */
export function RowDetail({
  row,
  marked,
  zone,
  onMark,
  onClose,
}: {
  row: Row;
  marked: boolean;
  zone: TimeZoneChoice;
  onMark(): void;
  onClose(): void;
}) {
  const navigate = useRouter((s) => s.navigate);
  const [copied, setCopied] = useState<{ ok: boolean; text: string }>();
  const gap = row.status === 'gap';
  return (
    <aside className="log-detail" aria-label="Entry detail">
      <header>
        <h3>{gap ? 'Gap' : `${row.event} · ${row.status}`}</h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {!gap && (
        <div className="row wrap">
          <button type="button" onClick={() => void copyRowJson(row).then(setCopied)}>
            Copy as JSON
          </button>
          <button type="button" aria-pressed={marked} onClick={onMark}>
            {marked ? 'Unmark' : 'Mark'}
          </button>
          {row.eventId && (
            <button type="button" onClick={() => navigate(tracePath(row.eventId))}>
              Trace this event
            </button>
          )}
        </div>
      )}
      {copied && (
        <p role="status" className="muted small">
          {copied.ok ? 'Copied the line as JSON.' : 'The clipboard was refused; the JSON is below.'}
        </p>
      )}
      {copied && !copied.ok && (
        <textarea className="copy-area" readOnly value={copied.text} aria-label="Line as JSON" />
      )}
      <dl className="kv">
        <dt>Stream</dt>
        <dd>{row.stream}</dd>
        <dt>Id</dt>
        <dd>{row.id}</dd>
        <dt>Time</dt>
        <dd>
          {zonedTime(row.ts, zone)} <span className="muted">({row.ts})</span>
        </dd>
        {row.eventId && (
          <>
            <dt>Event id</dt>
            <dd>
              <code>{row.eventId}</code>
            </dd>
          </>
        )}
        {row.http > 0 && (
          <>
            <dt>HTTP status</dt>
            <dd>{row.http}</dd>
          </>
        )}
        <dt>Attempt</dt>
        <dd>{row.attempt}</dd>
        <dt>Latency</dt>
        <dd>{row.ms >= 0 ? `${row.ms} ms` : '—'}</dd>
        {row.code && (
          <>
            <dt>Error</dt>
            <dd>
              <code>{row.code}</code> {row.message}
            </dd>
          </>
        )}
        {row.reason && (
          <>
            <dt>Reason</dt>
            <dd>{row.reason}</dd>
          </>
        )}
        <dt>Payload (summary)</dt>
        <dd>
          <code className="log-payload">{row.payload || '—'}</code>
        </dd>
      </dl>
    </aside>
  );
}
