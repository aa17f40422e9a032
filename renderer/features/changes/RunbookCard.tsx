import type { Runbook } from '../../../shared/domain/workflow';

/** Who owns this target and whom to call: shown where an operator may need it (Monitor, rollback). */
export function RunbookCard({ runbook }: { runbook: Runbook }) {
  return (
    <aside className="card runbook-card" aria-label="Runbook">
      <p>
        <strong>Owner:</strong> {runbook.owner || 'not assigned'} ·{' '}
        <a href={`#/runbooks/${runbook.target}`}>
          {runbook.saved ? 'Edit runbook' : 'Document the runbook'}
        </a>
      </p>
      {runbook.escalation.length > 0 ? (
        <ol className="small">
          {runbook.escalation.map((e, i) => (
            <li key={i}>
              {e.name}
              {e.role ? ` (${e.role})` : ''}
              {e.contact ? ` — ${e.contact}` : ''}{' '}
              {/^https?:\/\//.test(e.link) && (
                <a href={e.link} target="_blank" rel="noreferrer">
                  link
                </a>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className="small muted">No escalation path.</p>
      )}
    </aside>
  );
}
