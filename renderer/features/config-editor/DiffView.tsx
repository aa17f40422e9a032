import type { ConfigDiff } from '../../../shared/domain/diff';
import { Notice } from '../../ui/Notice';
import { diffLines } from './diff-lines';

/**
 * The shared structured diff as a list of plain lines, its critical flags first: what an operator
 * reads before applying (Config step) or after (what was applied, what changed on the server).
 */
export function DiffView({
  diff,
  label,
  secretFields,
}: {
  diff: ConfigDiff;
  label: string;
  secretFields?: readonly string[] | undefined;
}) {
  const lines = diffLines(diff, secretFields);
  return (
    <>
      {diff.critical.map((c) => (
        <Notice
          key={`${c.code}:${c.event ?? ''}`}
          tone={c.evidence === 'observed' ? 'error' : 'warning'}
          title={c.evidence === 'observed' ? 'Critical' : 'Possible risk'}
        >
          {c.message}
        </Notice>
      ))}
      {lines.length === 0 ? (
        <p className="muted">
          {diff.identical
            ? 'No differences.'
            : 'No behavioural difference (only bookkeeping fields).'}
        </p>
      ) : (
        <ul className="diff-list" aria-label={label} data-testid="diff">
          {lines.map((d) => (
            <li key={d.key} className={`diff-${d.kind}${d.critical ? ' diff-critical' : ''}`}>
              <span className="visually-hidden">{d.kind}: </span>
              {d.text}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
