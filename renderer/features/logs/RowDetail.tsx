import type { Row } from './row';

/** The selected line in full: error, attempt, latency, reason and the redacted payload summary. */
export function RowDetail({ row, onClose }: { row: Row; onClose(): void }) {
  return (
    <aside className="log-detail" aria-label="Entry detail">
      <header>
        <h3>{row.status === 'gap' ? 'Gap' : `${row.event} · ${row.status}`}</h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <dl className="kv">
        <dt>Stream</dt>
        <dd>{row.stream}</dd>
        <dt>Id</dt>
        <dd>{row.id}</dd>
        <dt>Time</dt>
        <dd>{row.ts}</dd>
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
