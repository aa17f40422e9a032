import type { ImpactPreview } from '../../../shared/domain/impact';

/** Per event: sent / filtered / skipped on recent logs, before vs after the draft. Changed rules first. */
export function ImpactTable({ impact }: { impact: ImpactPreview }) {
  const rows = impact.rows.filter((r) => r.rulesChanged);
  return (
    <div data-testid="impact">
      <p className="small muted">
        Replayed the last {impact.sampled} logged events through the old and the new rules.
      </p>
      {impact.flags.length > 0 && (
        <ul className="impact-flags" aria-label="Impact warnings">
          {impact.flags.map((f, i) => (
            <li key={i} className="flag-bad">
              {f.message}
            </li>
          ))}
        </ul>
      )}
      {rows.length === 0 ? (
        <p className="small">No logged event is affected by this draft.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Impact preview per event</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Sent</th>
              <th scope="col">Filtered</th>
              <th scope="col">Skipped</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) =>
              r.notPreviewable ? (
                // No invented counts: the logs cannot say what the new filter would do.
                <tr key={r.event} className="row-unknown">
                  <th scope="row">{r.event}</th>
                  <td colSpan={3} data-testid="not-previewable">
                    {r.notPreviewable.message}
                  </td>
                </tr>
              ) : (
                <tr key={r.event} className={r.after.sent < r.before.sent ? 'row-warn' : ''}>
                  <th scope="row">{r.event}</th>
                  <td>
                    {r.before.sent} → {r.after.sent}
                  </td>
                  <td>
                    {r.before.filtered} → {r.after.filtered}
                  </td>
                  <td>
                    {r.before.skipped} → {r.after.skipped}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {impact.notes.map((n) => (
        <p key={n} className="small muted">
          {n}
        </p>
      ))}
    </div>
  );
}
