import { useTarget } from '../../app/target';
import { useSession } from '../../app/session-store';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ago } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { useDrills } from './use-drills';

/** Rehearse incidents on the sandbox: start, watch the console react, clear. */
export default function DrillsScreen() {
  const t = useTarget();
  const sandbox = t?.kind === 'sandbox';
  const { scenarios, error, busy, refetch, start, clear } = useDrills(
    sandbox ? t.target : undefined,
  );
  const sites = useSession((s) => s.sites);
  const siteLabel = (siteId: string | null | undefined) =>
    sites.find((s) => s.connectionId === t?.target.connectionId && s.siteId === siteId)?.label ??
    'another site';

  if (!t)
    return (
      <Notice tone="info" title="No site selected">
        Select a site first.
      </Notice>
    );
  if (!sandbox)
    return (
      <Notice tone="info" title="Drills run only on the sandbox">
        The selected site is on a real API. Switch to a sandbox site to rehearse incidents.
      </Notice>
    );
  const anyActive = scenarios.some((s) => s.active);
  return (
    <section className="screen" aria-labelledby="drills-title">
      <header className="screen-head">
        <h1 id="drills-title">Drills · {t.label}</h1>
        <div className="row">
          <Busy busy={busy !== undefined} label="Working…" />
          <button type="button" onClick={() => clear()} disabled={!anyActive || busy !== undefined}>
            Clear all drills
          </button>
        </div>
      </header>
      <Notice tone="info" title="Rehearsal only">
        Drills change the embedded sandbox, never a real API. Config changes made by a drill stay
        after it is cleared, as they would in an incident: restore them yourself.
      </Notice>
      {error && <ErrorNotice error={error} onRetry={refetch} />}
      <table className="table">
        <caption className="visually-hidden">Scenarios</caption>
        <thead>
          <tr>
            <th scope="col">Scenario</th>
            <th scope="col">What happens</th>
            <th scope="col">State</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {scenarios.map((s) => (
            <tr key={s.name} data-testid={`drill-${s.name}`}>
              <td>
                <strong>{s.title}</strong>
                <div className="muted small mono">{s.name}</div>
              </td>
              <td className="small">{s.description}</td>
              <td>
                {s.active ? (
                  <span className="badge badge-test">
                    running on {siteLabel(s.siteId)} {s.startedAt ? ago(s.startedAt) : ''}
                  </span>
                ) : (
                  <span className="muted">idle</span>
                )}
              </td>
              <td className="actions">
                {s.active ? (
                  <button
                    type="button"
                    onClick={() => clear(s.name)}
                    disabled={busy !== undefined}
                    aria-label={`Clear ${s.name}`}
                  >
                    Clear
                  </button>
                ) : (
                  <button
                    type="button"
                    className="primary"
                    onClick={() => start(s.name)}
                    disabled={busy !== undefined}
                    aria-label={`Start ${s.name}`}
                  >
                    Start
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
