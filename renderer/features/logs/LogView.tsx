import { useCallback, useId, useState, useSyncExternalStore } from 'react';
import type { LogFilter } from './filter';
import { ExportControls } from './ExportButton';
import { FailedGroups } from './FailedGroups';
import { LogChart } from './LogChart';
import { LogFilters } from './LogFilters';
import { LogList } from './LogList';
import type { LogModel } from './log-model';
import { RowDetail } from './RowDetail';
import { TailStatusLine } from './TailStatusLine';
import type { TailInfo } from './use-tail';

const STATUS_ORDER = ['sent', 'failed', 'retrying', 'filtered', 'skipped', 'test_mode', 'gap'];

export interface LogViewProps {
  model: LogModel;
  title: string;
  tails?: TailInfo[];
  showStream?: boolean;
  compact?: boolean;
  /** File name stem of exports. */
  exportName?: string;
}

/** A full log view over a model: header counts and chart, filters, the list, row detail. */
export function LogView({
  model,
  title,
  tails = [],
  showStream = false,
  compact = false,
  exportName = 'logs',
}: LogViewProps) {
  const version = useSyncExternalStore(model.subscribe, model.getVersion);
  const [selected, setSelected] = useState<number>();
  const [showFailed, setShowFailed] = useState(false);
  const idPrefix = useId().replace(/:/g, '');
  // Mirrored in React state so a control reflects its change in the same render, not a frame later.
  const [filter, setFilterState] = useState(() => model.getFilter());
  const setFilter = useCallback(
    (f: LogFilter) => {
      setFilterState(f);
      model.setFilter(f);
    },
    [model],
  );
  const row = selected !== undefined ? model.ring.get(selected) : undefined;
  const counts = STATUS_ORDER.map((s) => [s, model.stats.byStatus.get(s) ?? 0] as const).filter(
    ([, n]) => n > 0,
  );
  const groups = [...model.stats.failedByCode].sort((a, b) => b[1] - a[1]);

  return (
    <section className={`log-view${compact ? ' compact' : ''}`} aria-label={title}>
      <header className="log-head">
        <h2>{title}</h2>
        <p className="log-counts" aria-label="Counts per status">
          {counts.map(([s, n]) => (
            <span key={s} className={`count st-${s}`}>
              {s} {n.toLocaleString()}
            </span>
          ))}
          <span className="muted">
            {model.viewLength.toLocaleString()} shown of {model.ring.size.toLocaleString()} kept
            (max {model.ring.capacity.toLocaleString()})
            {model.lastFilterMs > 0 ? ` · filter ${model.lastFilterMs.toFixed(0)} ms` : ''}
          </span>
        </p>
        {!compact && <LogChart series={model.stats.series(Date.now())} />}
      </header>
      <TailStatusLine tails={tails} />
      <div className="log-toolbar">
        <button
          type="button"
          onClick={() => model.setPaused(!model.paused)}
          aria-pressed={model.paused}
        >
          {model.paused
            ? `Resume${model.heldEntries ? ` (${model.heldEntries.toLocaleString()} held)` : ''}`
            : 'Pause'}
        </button>
        <button type="button" onClick={() => model.clear()}>
          Clear
        </button>
        <button
          type="button"
          aria-pressed={filter.failedOnly}
          onClick={() => {
            const on = !filter.failedOnly;
            setShowFailed(on);
            setFilter({ ...filter, failedOnly: on, errorCode: on ? filter.errorCode : '' });
          }}
        >
          Failed deliveries
        </button>
        <ExportControls model={model} idPrefix={idPrefix} name={exportName} />
      </div>
      {!compact && <LogFilters filter={filter} onChange={setFilter} idPrefix={idPrefix} />}
      {showFailed && filter.failedOnly && (
        <FailedGroups
          groups={groups}
          active={filter.errorCode}
          onPick={(code) => setFilter({ ...filter, errorCode: code })}
        />
      )}
      <div className="log-body">
        <LogList
          model={model}
          version={version}
          showStream={showStream}
          selectedSeq={selected}
          onSelect={setSelected}
          label={`${title} entries`}
          idPrefix={idPrefix}
        />
        {row && <RowDetail row={row} onClose={() => setSelected(undefined)} />}
      </div>
    </section>
  );
}
