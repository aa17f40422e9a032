import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { LogModel } from './log-model';
import { LogRowView } from './LogRowView';

export const ROW_HEIGHT = 22;

interface Props {
  model: LogModel;
  /** Changes once per frame with new data; the list re-reads the model then. */
  version: number;
  showStream: boolean;
  selectedSeq: number | undefined;
  onSelect(seq: number | undefined): void;
  label: string;
  idPrefix: string;
}

/**
 * The virtualized list: only the rows in view (plus a small overscan) exist in the DOM. Follow
 * mode keeps the newest line in view; scrolling up pauses it and counts what arrived since, and
 * keeps the line the operator is reading in place even while old lines are evicted above it.
 */
export function LogList({
  model,
  version,
  showStream,
  selectedSeq,
  onSelect,
  label,
  idPrefix,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const mark = useRef({ appended: 0, anchorSeq: -1, anchorOffset: 0 });
  const programmatic = useRef(false);
  const count = model.viewLength;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let target: number | undefined;
    if (follow) {
      target = count * ROW_HEIGHT;
    } else if (mark.current.anchorSeq >= 0) {
      // Keep the anchored line where it was while older lines are evicted above it.
      target = model.indexOfSeq(mark.current.anchorSeq) * ROW_HEIGHT + mark.current.anchorOffset;
    }
    if (target === undefined) return;
    const next = Math.max(0, Math.min(target, el.scrollHeight - el.clientHeight));
    // Only a real move fires a scroll event; flagging a no-op would swallow the operator's next scroll.
    if (Math.abs(el.scrollTop - next) < 1) return;
    programmatic.current = true;
    el.scrollTop = next;
  }, [version, follow, count, model]);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    if (programmatic.current) {
      programmatic.current = false;
      return;
    }
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 1.5;
    const topIndex = Math.floor(el.scrollTop / ROW_HEIGHT);
    const anchor = model.viewRow(topIndex);
    mark.current.anchorSeq = anchor ? anchor.seq : -1;
    mark.current.anchorOffset = el.scrollTop - topIndex * ROW_HEIGHT;
    if (atBottom && !follow) setFollow(true);
    if (!atBottom && follow) {
      mark.current.appended = model.appended;
      setFollow(false);
    }
  }, [follow, model]);

  const jump = () => {
    mark.current.anchorSeq = -1;
    setFollow(true);
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (
      e.key !== 'ArrowDown' &&
      e.key !== 'ArrowUp' &&
      e.key !== 'End' &&
      e.key !== 'Home' &&
      e.key !== 'Escape'
    )
      return;
    e.preventDefault();
    if (e.key === 'Escape') return onSelect(undefined);
    const current = selectedSeq === undefined ? -1 : model.indexOfSeq(selectedSeq);
    let next = current;
    if (e.key === 'ArrowDown') next = Math.min(count - 1, current + 1);
    if (e.key === 'ArrowUp') next = Math.max(0, current < 0 ? count - 1 : current - 1);
    if (e.key === 'Home') next = 0;
    if (e.key === 'End') next = count - 1;
    const row = model.viewRow(next);
    if (!row) return;
    onSelect(row.seq);
    if (e.key !== 'End') setFollow(false);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const newCount = follow ? 0 : model.appended - mark.current.appended;
  const items = virtualizer.getVirtualItems();
  const activeId = selectedSeq !== undefined ? `${idPrefix}-r${selectedSeq}` : undefined;

  return (
    <div className="log-list-wrap">
      <div
        ref={scroller}
        className="log-scroller"
        role="listbox"
        aria-label={label}
        aria-activedescendant={activeId}
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKey}
        onClick={(e) => {
          const seq = (e.target as HTMLElement).closest<HTMLElement>('[data-seq]')?.dataset.seq;
          if (seq !== undefined) onSelect(Number(seq));
        }}
      >
        <div className="log-canvas" style={{ height: count * ROW_HEIGHT }}>
          {items.map((it) => {
            const row = model.viewRow(it.index);
            if (!row) return null;
            return (
              <LogRowView
                key={row.seq}
                row={row}
                top={it.start}
                selected={row.seq === selectedSeq}
                showStream={showStream}
                domId={`${idPrefix}-r${row.seq}`}
              />
            );
          })}
        </div>
      </div>
      {count === 0 && (
        <p className="log-empty muted">No entries yet{model.getFilter() ? '' : ''}.</p>
      )}
      {!follow && (
        <button type="button" className="log-jump" onClick={jump}>
          {newCount > 0 ? `${newCount.toLocaleString()} new · Jump to latest` : 'Jump to latest'}
        </button>
      )}
      <span className="sr-only" role="status">
        {follow ? '' : 'Following paused'}
      </span>
    </div>
  );
}
