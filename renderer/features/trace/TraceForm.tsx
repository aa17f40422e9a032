import { useState, type FormEvent } from 'react';
import {
  TRACE_BUDGET_DEFAULT,
  TRACE_BUDGET_MAX,
  TraceQuery,
  type TraceQuery as Query,
} from '../../../shared/bridge/calls/trace';
import { WINDOWS } from './labels';

export interface TraceFormValues {
  query: Query;
  windowMinutes: number;
  budget: number;
}

/** What to trace and how far: event id or text, the time bound and the request budget. */
export function TraceForm({
  initial,
  running,
  onRun,
  onCancel,
}: {
  initial: TraceFormValues | undefined;
  running: boolean;
  onRun(v: TraceFormValues): void;
  onCancel(): void;
}) {
  const [kind, setKind] = useState<Query['kind']>(initial?.query.kind ?? 'eventId');
  const [value, setValue] = useState(
    initial ? (initial.query.kind === 'eventId' ? initial.query.eventId : initial.query.text) : '',
  );
  const [windowMinutes, setWindow] = useState(initial?.windowMinutes ?? 15);
  const [budget, setBudget] = useState(String(initial?.budget ?? TRACE_BUDGET_DEFAULT));
  const [problem, setProblem] = useState<string>();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = TraceQuery.safeParse(
      kind === 'eventId' ? { kind, eventId: value } : { kind, text: value },
    );
    const b = Number(budget);
    if (!q.success) return setProblem(q.error.issues[0]?.message ?? 'Enter what to trace.');
    if (!Number.isInteger(b) || b < 1 || b > TRACE_BUDGET_MAX)
      return setProblem(`The request budget is a whole number from 1 to ${TRACE_BUDGET_MAX}.`);
    setProblem(undefined);
    onRun({ query: q.data, windowMinutes, budget: b });
  };

  return (
    <form className="card trace-form" onSubmit={submit} aria-label="What to trace">
      <fieldset className="row wrap">
        <legend>Trace by</legend>
        <label className="log-check">
          <input
            type="radio"
            name="trace-kind"
            checked={kind === 'eventId'}
            onChange={() => setKind('eventId')}
          />
          Event id
        </label>
        <label className="log-check">
          <input
            type="radio"
            name="trace-kind"
            checked={kind === 'text'}
            onChange={() => setKind('text')}
          />
          Text in the payload (an order id)
        </label>
      </fieldset>
      <div className="row wrap trace-fields">
        <div className="field grow">
          <label htmlFor="trace-value">{kind === 'eventId' ? 'Event id' : 'Text'}</label>
          <input
            id="trace-value"
            value={value}
            spellCheck={false}
            placeholder={kind === 'eventId' ? 'evt_…' : 'ORD-12345678'}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'trace-problem' : undefined}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="trace-window">Search back over the</label>
          <select
            id="trace-window"
            value={windowMinutes}
            onChange={(e) => setWindow(Number(e.target.value))}
          >
            {WINDOWS.map((w) => (
              <option key={w.minutes} value={w.minutes}>
                {w.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="trace-budget">Request budget</label>
          <input
            id="trace-budget"
            type="number"
            min={1}
            max={TRACE_BUDGET_MAX}
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
          />
        </div>
        <div className="row trace-actions">
          <button type="submit" className="primary" disabled={running}>
            Trace
          </button>
          {running && (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </div>
      {problem && (
        <p id="trace-problem" className="field-error" role="alert">
          {problem}
        </p>
      )}
      <p className="muted small">
        Searches what the live tails already hold, then pages back each provider and webhook log of
        the site, newest first, within the time bound and the budget; it keeps a fifth of the
        API&apos;s announced rate limit for the tails and screens.
      </p>
    </form>
  );
}
