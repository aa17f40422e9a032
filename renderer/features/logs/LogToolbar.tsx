import { ExportControls } from './ExportButton';
import type { LogModel } from './log-model';
import { JUMP_MINUTES } from './use-jump-back';

/** Pause, clear, failed deliveries, jump back in time, marks and export, in one row. */
export function LogToolbar({
  model,
  idPrefix,
  exportName,
  failedOnly,
  onFailedOnly,
  onJump,
  jumping,
  marksInView,
  onMark,
}: {
  model: LogModel;
  idPrefix: string;
  exportName: string;
  failedOnly: boolean;
  onFailedOnly(): void;
  onJump?: ((minutes: number) => void) | undefined;
  jumping: boolean;
  marksInView: number;
  onMark(dir: 1 | -1): void;
}) {
  return (
    <div className="log-toolbar">
      <button
        type="button"
        onClick={() => model.setPaused(!model.paused)}
        aria-pressed={model.paused}
        aria-keyshortcuts="Space"
      >
        {model.paused
          ? `Resume${model.heldEntries ? ` (${model.heldEntries.toLocaleString()} held)` : ''}`
          : 'Pause'}
      </button>
      <button type="button" onClick={() => model.clear()}>
        Clear
      </button>
      <button type="button" aria-pressed={failedOnly} onClick={onFailedOnly}>
        Failed deliveries
      </button>
      {onJump && (
        <div className="log-field">
          <label htmlFor={`${idPrefix}-jump`}>Jump to the last</label>
          <select
            id={`${idPrefix}-jump`}
            value=""
            disabled={jumping}
            onChange={(e) => e.target.value && onJump(Number(e.target.value))}
          >
            <option value="">{jumping ? 'Paging back…' : 'choose…'}</option>
            {JUMP_MINUTES.map((m) => (
              <option key={m} value={m}>
                {m === 60 ? '60 minutes' : `${m} minute${m === 1 ? '' : 's'}`}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="row marks-nav" role="group" aria-label="Marks">
        <button
          type="button"
          disabled={marksInView === 0}
          onClick={() => onMark(-1)}
          aria-keyshortcuts="["
        >
          Previous mark
        </button>
        <button
          type="button"
          disabled={marksInView === 0}
          onClick={() => onMark(1)}
          aria-keyshortcuts="]"
        >
          Next mark
        </button>
        <span className="muted small">
          {model.marks.size === 0
            ? 'no marks (m marks a line)'
            : `${model.marks.size} mark${model.marks.size === 1 ? '' : 's'}${marksInView < model.marks.size ? `, ${marksInView} shown` : ''}`}
        </span>
      </div>
      <ExportControls model={model} idPrefix={idPrefix} name={exportName} />
    </div>
  );
}
