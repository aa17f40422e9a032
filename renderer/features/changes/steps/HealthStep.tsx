import type { ChangeState } from '../../../../shared/domain/workflow';
import { useChange } from '../change-store';

/** Health now against the baseline: status and window counts, regressions highlighted. */
export function HealthStep({ s }: { s: ChangeState }) {
  const run = useChange((x) => x.run);
  const legal = useChange((x) => x.legal);
  const c = s.health?.comparison;
  return (
    <div className="step-body">
      {s.health?.error && <p className="step-fail">Health could not be read: {s.health.error}</p>}
      {c && (
        <div data-testid="health-compare">
          <p>
            Status: <strong>{c.before?.status ?? '?'}</strong> at baseline,{' '}
            <strong>{c.after?.status ?? '?'}</strong> now.
          </p>
          {c.regressions.length > 0 ? (
            <ul className="impact-flags" aria-label="Health regressions">
              {c.regressions.map((r) => (
                <li key={r} className="flag-bad">
                  {r}
                </li>
              ))}
            </ul>
          ) : (
            <p className="step-ok">No regression against the baseline.</p>
          )}
        </div>
      )}
      {legal.includes('check_health') && (
        <button
          type="button"
          className="primary"
          onClick={() => void run('Health', 'changes.health', { changeId: s.id })}
        >
          Check health
        </button>
      )}
    </div>
  );
}
