import type { Runbook } from '../../../shared/domain/workflow';
import type { Target } from '../../app/target';
import { call } from '../../bridge';
import { Notice } from '../../ui/Notice';
import { Time } from '../../ui/Time';

const show = (v: unknown) => (typeof v === 'string' ? v || '(empty)' : JSON.stringify(v));

/**
 * The same runbook field changed on two laptops: both values, each with who and when, and one
 * button per value. The chosen one wins; the other stays in the workspace's history.
 */
export function RunbookConflicts({
  target,
  runbook,
  onResolved,
}: {
  target: Target;
  runbook: Runbook;
  onResolved(r: Runbook): void;
}) {
  if (!runbook.conflicts.length) return null;
  return (
    <section aria-label="Runbook conflicts" className="runbook-conflicts">
      {runbook.conflicts.map((c) => (
        <Notice
          key={c.field}
          tone="warning"
          title={`Conflict on "${c.field}": edited on two laptops`}
        >
          <ul>
            {c.values.map((v, i) => (
              <li key={i}>
                <strong>{v.by}</strong>{' '}
                <span className="muted small">
                  (<Time at={v.at} />)
                </span>
                : <q>{show(v.value)}</q>{' '}
                <button
                  type="button"
                  onClick={() =>
                    void call('runbooks.resolve', {
                      ...target,
                      target: runbook.target,
                      field: c.field,
                      choice: i,
                    }).then((r) => r.ok && onResolved(r.value))
                  }
                >
                  Use {v.by}&apos;s value
                </button>
              </li>
            ))}
          </ul>
        </Notice>
      ))}
    </section>
  );
}
