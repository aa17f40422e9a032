import { lazy, Suspense } from 'react';
import type { ErrorIssue } from '../../../shared/bridge';

const JsonCode = lazy(() => import('./JsonCode'));

/** The raw body, editable, validated by the same zod schema as the form. */
export function JsonView({
  text,
  issues,
  onChange,
}: {
  text: string;
  issues: ErrorIssue[];
  onChange(text: string): void;
}) {
  return (
    <section className="card" aria-labelledby="json-title">
      <h2 id="json-title">Raw JSON</h2>
      <p className="muted small">
        Edits here update the form at once; the form's edits rewrite this text.
      </p>
      <Suspense
        fallback={
          <p className="muted" role="status">
            Loading the JSON editor…
          </p>
        }
      >
        <JsonCode value={text} onChange={onChange} label="Integration JSON" />
      </Suspense>
      {issues.length > 0 && (
        <ul className="issues field-error" aria-label="JSON problems">
          {issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              <code>{i.path}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
