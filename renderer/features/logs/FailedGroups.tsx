/** Final failures in the buffer grouped by error code; choosing one filters the view to it. */
export function FailedGroups({
  groups,
  active,
  onPick,
}: {
  groups: [string, number][];
  active: string;
  onPick(code: string): void;
}) {
  if (groups.length === 0) return <p className="muted">No failed deliveries in the buffer.</p>;
  return (
    <table className="log-failed">
      <caption>Failed deliveries by error code</caption>
      <thead>
        <tr>
          <th scope="col">Error code</th>
          <th scope="col">Count</th>
        </tr>
      </thead>
      <tbody>
        {groups.map(([code, n]) => (
          <tr key={code}>
            <td>
              <button
                type="button"
                className="linklike"
                aria-pressed={active === code}
                onClick={() => onPick(active === code ? '' : code)}
              >
                {code}
              </button>
            </td>
            <td>{n.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
