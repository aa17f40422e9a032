import type { DefaultMappings, LogEntry } from '../../../shared/contract';
import { trafficByEvent, unmappedTraffic } from './unmapped-traffic';

/** Canonical -> provider event, with the provider default beside it and unmapped traffic flagged. */
export function MappingTable({
  mapping,
  defaults,
  entries,
}: {
  mapping: Record<string, string>;
  defaults: DefaultMappings | undefined;
  entries: LogEntry[];
}) {
  const traffic = trafficByEvent(entries);
  const unmapped = unmappedTraffic(entries, mapping);
  return (
    <article className="card" aria-labelledby="map-title">
      <h2 id="map-title">Event mapping</h2>
      {unmapped.length > 0 && (
        <p className="tag-warn" role="status">
          {unmapped.length} event{unmapped.length > 1 ? 's have' : ' has'} traffic but no mapping
          (skipped as no_mapping): {unmapped.map((u) => u.event).join(', ')}
        </p>
      )}
      <table className="table">
        <caption className="visually-hidden">
          Mapping from canonical events to provider events
        </caption>
        <thead>
          <tr>
            <th scope="col">Canonical event</th>
            <th scope="col">Provider event</th>
            <th scope="col">Default</th>
            <th scope="col">Recent entries</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(mapping).map(([canonical, target]) => {
            const def = defaults?.eventMapping[canonical];
            return (
              <tr key={canonical} data-testid={`map-${canonical}`}>
                <td>
                  <code>{canonical}</code>
                </td>
                <td>
                  <code>{target}</code>
                </td>
                <td className={def && def !== target ? 'differs' : 'muted'}>
                  {def ?? '(no default)'}
                </td>
                <td>{traffic.get(canonical) ?? 0}</td>
              </tr>
            );
          })}
          {unmapped.map((u) => (
            <tr key={u.event} className="row-warn" data-testid={`unmapped-${u.event}`}>
              <td>
                <code>{u.event}</code>
              </td>
              <td className="tag-warn">not mapped: events are skipped</td>
              <td className="muted">{defaults?.eventMapping[u.event] ?? '(no default)'}</td>
              <td>{u.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
