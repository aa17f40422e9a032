import type { TraceProgress } from '../../../shared/bridge/calls/trace';
import { stopText } from '../../../shared/domain/trace';

/** A long search shows what it has done so far, per stream, and can be cancelled. */
export function TraceProgressView({
  progress,
  label,
  clock,
}: {
  progress: TraceProgress | undefined;
  label(s: {
    stream: TraceProgress['streams'][number]['stream'];
    name?: string | undefined;
  }): string;
  clock(iso: string | undefined): string;
}) {
  const requests = progress?.requests ?? 0;
  const budget = progress?.budget ?? 1;
  return (
    <section className="card trace-progress" aria-label="Trace progress">
      <div className="row">
        <progress
          max={budget}
          value={requests}
          aria-label={`Requests used: ${requests} of ${budget}`}
        />
        <span role="status">
          Searching… {requests} of {budget} requests
          {progress && progress.matches > 0 ? ` · ${progress.matches} matching events` : ''}
        </span>
      </div>
      {progress && (
        <ul className="plain small">
          {progress.streams.map((s) => (
            <li key={s.key}>
              <strong>{label(s)}</strong>: {s.pages} pages
              {s.from ? `, back to ${clock(s.from)}` : ''}
              {s.stop ? ` · ${stopText(s.stop)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
