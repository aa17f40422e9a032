import type { JumpOutcome } from './use-jump-back';

/** Where "jump to the last N minutes" got to, per stream, until dismissed. */
export function JumpStatus({
  outcome,
  from,
  onDismiss,
}: {
  outcome: JumpOutcome;
  /** The jump's start time, as the view shows times. */
  from: string;
  onDismiss(): void;
}) {
  return (
    <div className="log-jumped" role="status">
      <strong>
        {outcome.busy
          ? `Paging back to the last ${outcome.minutes} min…`
          : `Jumped to the last ${outcome.minutes} min (from ${from}).`}
      </strong>
      {outcome.lines.map((l) => (
        <span key={l}>{l}</span>
      ))}
      {!outcome.busy && (
        <button type="button" className="linklike" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
