import type {
  StreamSearched,
  TraceFate,
  TraceResult,
  TracedEvent,
} from '../../../shared/bridge/calls/trace';
import type { LogEntry } from '../../../shared/contract/logs';
import { CAPPED_NOTE, leavesUnsearched, stopText } from '../../../shared/domain/trace';
import { useRouter } from '../../app/router-store';
import { destinationLabel } from './labels';
import { tracePath } from './route';

/** Each fate in words, worn as the badge of the matching health colour. */
const FATE: Record<TraceFate, { label: string; badge: string }> = {
  sent: { label: 'sent', badge: 'badge-healthy' },
  failed: { label: 'failed', badge: 'badge-failing' },
  retrying: { label: 'retrying', badge: 'badge-degraded' },
  filtered: { label: 'filtered', badge: 'badge-degraded' },
  skipped: { label: 'skipped', badge: '' },
  test_mode: { label: 'test mode', badge: 'badge-test' },
  not_found: { label: 'not found', badge: '' },
};

function Lines({ lines, clock }: { lines: LogEntry[]; clock(iso: string): string }) {
  if (lines.length === 0) return null;
  return (
    <details>
      <summary>
        {lines.length} line{lines.length === 1 ? '' : 's'}
      </summary>
      <ol className="trace-lines">
        {lines.map((e) => (
          <li key={e.id}>
            <code>
              {clock(e.timestamp)} {e.status} {e.httpStatus ?? ''}{' '}
              {e.mappedEvent && e.mappedEvent !== e.event
                ? `${e.event} → ${e.mappedEvent}`
                : e.event}{' '}
              attempt {e.attempt}
              {e.error ? ` ${e.error.code}: ${e.error.message}` : ''}
              {e.reason ? ` · ${e.reason}` : ''}
            </code>
          </li>
        ))}
      </ol>
    </details>
  );
}

function EventCard({
  ev,
  streams,
  clock,
  byText,
}: {
  ev: TracedEvent;
  streams: Map<string, StreamSearched>;
  clock(iso: string | undefined): string;
  /** Found by text: offer the full trace of its event id. */
  byText: boolean;
}) {
  const navigate = useRouter((s) => s.navigate);
  return (
    <article className="card" aria-label={`Event ${ev.eventId}`}>
      <header className="row wrap trace-event-head">
        <h2>
          Event <code>{ev.eventId}</code>
          {ev.event ? ` · ${ev.event}` : ''}
          {ev.firstAt ? (
            <span className="muted small"> · first logged {clock(ev.firstAt)}</span>
          ) : null}
        </h2>
        {byText && (
          <button type="button" onClick={() => navigate(tracePath(ev.eventId))}>
            Trace this event id
          </button>
        )}
      </header>
      <table className="table trace-table">
        <caption className="visually-hidden">Fate at each destination</caption>
        <thead>
          <tr>
            <th scope="col">Destination</th>
            <th scope="col">Fate</th>
            <th scope="col">Detail</th>
            <th scope="col">Lines</th>
          </tr>
        </thead>
        <tbody>
          {ev.destinations.map((d) => {
            const s = streams.get(d.key);
            return (
              <tr key={d.key} data-fate={d.fate}>
                <th scope="row">{s ? destinationLabel(s) : d.key}</th>
                <td>
                  <span className={`badge fate ${FATE[d.fate].badge}`}>{FATE[d.fate].label}</span>
                </td>
                <td>{d.detail}</td>
                <td>
                  <Lines lines={d.lines} clock={(iso) => clock(iso)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </article>
  );
}

/** The trace's answer: each event's fate per destination, then exactly what was searched. */
export function TraceResultView({
  result,
  clock,
}: {
  result: TraceResult;
  clock(iso: string | undefined): string;
}) {
  const streams = new Map(result.streams.map((s) => [s.key, s]));
  return (
    <>
      {result.events.length === 0 && (
        <p className="notice notice-info" role="status">
          <strong>No entry matched in what was searched.</strong>{' '}
          {result.state === 'complete'
            ? 'Every stream was searched to its bound.'
            : 'Part of the time range was not reached: see below, then widen the budget or narrow the time.'}
        </p>
      )}
      {result.linesCapped && <p className="notice notice-warning">{CAPPED_NOTE}</p>}
      {result.events.map((ev) => (
        <EventCard
          key={ev.eventId}
          ev={ev}
          streams={streams}
          clock={clock}
          byText={result.query.kind === 'text'}
        />
      ))}
      {result.moreEvents > 0 && (
        <p className="muted">
          {result.moreEvents} more events matched the text; narrow it to see them.
        </p>
      )}
      <article className="card" aria-label="What was searched">
        <h2>Searched</h2>
        <p className="muted small">
          {result.requests} of {result.budget} requests
          {result.rateLimit
            ? `; the API had ${result.rateLimit.remaining} of ${result.rateLimit.limit} requests left in its window`
            : ''}
          .{' '}
          {result.state === 'complete'
            ? 'Complete.'
            : result.state === 'cancelled'
              ? 'Cancelled: partial.'
              : 'Partial.'}
        </p>
        <table className="table">
          <caption className="visually-hidden">Search per stream</caption>
          <thead>
            <tr>
              <th scope="col">Destination</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Buffer lines</th>
              <th scope="col">Pages</th>
              <th scope="col">Stopped</th>
              <th scope="col">Not reached</th>
            </tr>
          </thead>
          <tbody>
            {result.streams.map((s) => (
              <tr key={s.key} className={leavesUnsearched(s.stop) ? 'row-warn' : undefined}>
                <th scope="row">{destinationLabel(s)}</th>
                <td>{clock(s.from)}</td>
                <td>{clock(s.to)}</td>
                <td>{s.retainedEntries.toLocaleString()}</td>
                <td>{s.pages}</td>
                <td>{stopText(s.stop, s.error)}</td>
                <td>{s.notReachedBefore ? `before ${clock(s.notReachedBefore)}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
    </>
  );
}
