import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useTimeZone, zonedTime, zoneLabel } from '../../ui/time-zone';
import { ColumnHeader } from './ColumnHeader';
import { useColumns } from './columns';
import { FailedGroups } from './FailedGroups';
import type { LogFilter } from './filter';
import { LogChart } from './LogChart';
import { LogFilters } from './LogFilters';
import { LogList, type ScrollRequest } from './LogList';
import type { LogModel } from './log-model';
import { LogToolbar } from './LogToolbar';
import { compileHighlights } from './regex';
import type { Row } from './row';
import { JumpStatus } from './JumpStatus';
import { RowDetail } from './RowDetail';
import { TailStatusLine } from './TailStatusLine';
import { useJumpBack } from './use-jump-back';
import { useLineActions } from './use-line-actions';
import type { TailInfo } from './use-tail';
import { registerView } from './view-keys';

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

/** A full log view over a model: header counts and chart, controls, filters, the list, row detail. */
export function LogView({
  model,
  title,
  tails = [],
  showStream = false,
  compact = false,
  exportName = 'logs',
}: LogViewProps) {
  const version = useSyncExternalStore(model.subscribe, model.getVersion);
  const zone = useTimeZone();
  const [picked, setPicked] = useState<Row>();
  const [showFailed, setShowFailed] = useState(false);
  const [highlights, setHighlights] = useState<string[]>([]);
  const [scrollTo, setScrollTo] = useState<ScrollRequest>();
  const section = useRef<HTMLElement>(null);
  const search = useRef<HTMLInputElement>(null);
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
  const hl = useMemo(() => compileHighlights(highlights), [highlights]);
  const timeTitle = `Time (${zoneLabel(zone)})`;
  const columns = useColumns(model.longestEvent, timeTitle);
  const clock = useCallback((t: number) => zonedTime(t, zone), [zone]);
  const show = useCallback((row: Row) => setScrollTo((s) => ({ row, n: (s?.n ?? 0) + 1 })), []);
  const { outcome, jump, dismiss } = useJumpBack(model, tails, show, clock);

  useEffect(
    () =>
      registerView({
        el: section.current!,
        focusSearch: () => search.current?.focus(),
        togglePause: () => model.setPaused(!model.paused),
      }),
    [model],
  );

  // A selected line that left the buffer (evicted, cleared) is no longer shown in the detail.
  const selected = picked && model.holds(picked) ? picked : undefined;
  const counts = STATUS_ORDER.map((s) => [s, model.stats.byStatus.get(s) ?? 0] as const).filter(
    ([, n]) => n > 0,
  );
  const groups = [...model.stats.failedByCode].sort((a, b) => b[1] - a[1]);
  const pick = (row: Row) => {
    setPicked(row);
    show(row);
  };
  const { notice, mark, onListKey, goMark, marksInView } = useLineActions(model, selected, pick);

  return (
    <section
      ref={section}
      className={`log-view${compact ? ' compact' : ''}`}
      aria-label={title}
      style={columns.style}
    >
      <header className="log-head">
        <h2>{title}</h2>
        <p className="log-counts" aria-label="Counts per status">
          {counts.map(([s, n]) => (
            <span key={s} className={`count st-${s}`}>
              {s} {n.toLocaleString()}
            </span>
          ))}
          <span className="muted">
            {model.viewLength.toLocaleString()} shown of {model.rows.size.toLocaleString()} kept
            (max {model.rows.capacity.toLocaleString()})
            {model.lastFilterMs > 0 ? ` · filter ${model.lastFilterMs.toFixed(0)} ms` : ''}
          </span>
        </p>
        {!compact && <LogChart series={model.stats.series(Date.now())} />}
      </header>
      <TailStatusLine tails={tails} />
      <LogToolbar
        model={model}
        idPrefix={idPrefix}
        exportName={exportName}
        failedOnly={filter.failedOnly}
        onFailedOnly={() => {
          const on = !filter.failedOnly;
          setShowFailed(on);
          setFilter({ ...filter, failedOnly: on, errorCode: on ? filter.errorCode : '' });
        }}
        onJump={tails.length > 0 ? (m) => void jump(m) : undefined}
        jumping={outcome?.busy ?? false}
        marksInView={marksInView}
        onMark={goMark}
      />
      {outcome && (
        <JumpStatus
          outcome={outcome}
          from={clock(Date.now() - outcome.minutes * 60_000)}
          onDismiss={dismiss}
        />
      )}
      {notice && (
        <p className="muted small" role="status">
          {notice}
        </p>
      )}
      {!compact && (
        <LogFilters
          filter={filter}
          onChange={setFilter}
          highlights={highlights}
          highlightErrors={hl.errors}
          onHighlights={setHighlights}
          idPrefix={idPrefix}
          searchRef={search}
        />
      )}
      {showFailed && filter.failedOnly && (
        <FailedGroups
          groups={groups}
          active={filter.errorCode}
          onPick={(code) => setFilter({ ...filter, errorCode: code })}
        />
      )}
      <div className="log-body">
        <div className="log-main">
          <ColumnHeader
            showStream={showStream}
            width={columns.width}
            resize={columns.resize}
            timeLabel={timeTitle}
          />
          <LogList
            model={model}
            version={version}
            showStream={showStream}
            selected={selected}
            onSelect={setPicked}
            onKey={onListKey}
            scrollTo={scrollTo}
            highlight={hl.re ? hl : undefined}
            zone={zone}
            label={`${title} entries`}
            idPrefix={idPrefix}
          />
        </div>
        {selected && (
          <RowDetail
            row={selected}
            marked={model.marks.has(selected)}
            zone={zone}
            onMark={() => mark(selected)}
            onClose={() => setPicked(undefined)}
          />
        )}
      </div>
    </section>
  );
}
