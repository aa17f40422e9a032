import { useFleetPicture } from './fleet-picture';

/** Per connection: how much of the fleet has been read, and what the request scheduler is doing. */
export function FleetStatus() {
  const status = useFleetPicture().data?.status;
  if (!status?.length) return null;
  return (
    <ul className="fleet-status small" aria-label="Polling">
      {status.map((s) => (
        <li key={s.connectionId} data-testid={`fleet-status-${s.connectionId}`}>
          <strong>{s.name}</strong>: {s.read} of {s.sites} sites read
          {s.completeAfterMs !== undefined
            ? ` · first complete picture after ${(s.completeAfterMs / 1000).toFixed(1)} s`
            : ' · loading the first picture…'}
          {` · ${s.budget.perMinute} requests/min allowed, ${Math.round(s.budget.reserve * 100)}% kept for you`}
          {s.budget.blockedForMs > 0 &&
            ` · the API asked to wait ${Math.ceil(s.budget.blockedForMs / 1000)} s`}
          {s.offline && (
            <span className="tag-warn"> · API unreachable: cells show their offline copies</span>
          )}
        </li>
      ))}
    </ul>
  );
}
