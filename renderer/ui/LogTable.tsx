import type { LogEntry } from '../../shared/contract';
import { clock } from './format';

/** Recent deliveries: newest first, reason or error in words. */
export function LogTable({ entries, caption }: { entries: LogEntry[]; caption: string }) {
  if (entries.length === 0) return <p className="muted">No log entries yet.</p>;
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Event</th>
          <th scope="col">Sent as</th>
          <th scope="col">Status</th>
          <th scope="col">HTTP</th>
          <th scope="col">Attempt</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td>{clock(e.timestamp)}</td>
            <td><code>{e.event}</code></td>
            <td>{e.mappedEvent ? <code>{e.mappedEvent}</code> : '—'}</td>
            <td className={`status-${e.status}`}>{e.status}</td>
            <td>{e.httpStatus ?? '—'}</td>
            <td>{e.attempt}</td>
            <td className="small">{e.error ? `${e.error.code}: ${e.error.message}` : (e.reason ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
