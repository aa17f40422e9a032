import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TimeZoneChoice } from '../../ui/time-zone';
import type { LogModel } from './log-model';
import { LogRowView } from './LogRowView';
import type { Highlighter } from './regex';
import type { Row } from './row';

export const ROW_HEIGHT = 22;

/** A request to show one line at the top of the list and stop following (jump to a time). */
export interface ScrollRequest {
  row: Row;
  n: number;
}

interface Props {
  model: LogModel;
  /** Changes once per frame with new data; the list re-reads the model then. */
  version: number;
  showStream: boolean;
  selected: Row | undefined;
  onSelect(row: Row | undefined): void;
  /** Keys on the list beyond moving (m, [, ], c, t), handled by the view. */
  onKey?(key: string, row: Row | undefined): boolean;
  scrollTo?: ScrollRequest | undefined;
  highlight: Highlighter | undefined;
  zone: TimeZoneChoice;
  label: string;
  idPrefix: string;
}

/**
 * The virtualized list: only the rows in view (plus a small overscan) exist in the DOM. Follow
 * mode keeps the newest line in view; scrolling up pauses it and counts what arrived since, and
 * keeps the line the operator is reading in place even while lines are inserted or evicted above.
 */
export function LogList({
  model,
  version,
  showStream,
  selected,
  onSelect,
  onKey,
  scrollTo,
  highlight,
  zone,
  label,
  idPrefix,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const mark = useRef<{ appended: number; anchor: Row | undefined; anchorOffset: number }>({
    appended: 0,
    anchor: undefined,
    anchorOffset: 0,
  });
  /** Where the list last scrolled itself: a scroll event landing there is ours, not the operator's. */
  const programmatic = useRef<number | undefined>(undefined);
  const rendered = useRef(new Map<number, Row>());
  const count = model.viewLength;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const handled = useRef(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (scrollTo && scrollTo.n !== handled.current) {
      handled.current = scrollTo.n;
      mark.current.appended = model.appended;
      mark.current.anchor = scrollTo.row;
      mark.current.anchorOffset = 0;
      if (follow) return setFollow(false);
    }
    let target: number | undefined;
    if (follow) {
      target = count * ROW_HEIGHT;
    } else if (mark.current.anchor) {
      // Keep the anchored line where it was while lines are inserted or evicted above it.
      target = model.indexAtOrAfter(mark.current.anchor) * ROW_HEIGHT + mark.current.anchorOffset;
    }
    if (target === undefined) return;
    const next = Math.max(0, Math.min(target, el.scrollHeight - el.clientHeight));
    // Only a real move fires a scroll event; flagging a no-op would swallow the operator's next scroll.
    if (Math.abs(el.scrollTop - next) < 1) return;
    programmatic.current = next;
    el.scrollTop = next;
  }, [version, follow, count, model, scrollTo]);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    // Compared by position, not by a flag: an operator's scroll in the same frame as one of ours
    // (its event still pending) lands elsewhere and must not be swallowed as ours.
    const ours = programmatic.current;
    programmatic.current = undefined;
    if (ours !== undefined && Math.abs(el.scrollTop - ours) < 2) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 1.5;
    const topIndex = Math.floor(el.scrollTop / ROW_HEIGHT);
    mark.current.anchor = model.viewRow(topIndex);
    mark.current.anchorOffset = el.scrollTop - topIndex * ROW_HEIGHT;
    if (atBottom && !follow) setFollow(true);
    if (!atBottom && follow) {
      mark.current.appended = model.appended;
      setFollow(false);
    }
  }, [follow, model]);

  const jump = () => {
    mark.current.anchor = undefined;
    setFollow(true);
  };

  const moveTo = (next: number, keepFollow = false) => {
    const row = model.viewRow(next);
    if (!row) return;
    onSelect(row);
    if (!keepFollow) setFollow(false);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const current = selected ? model.indexAtOrAfter(selected) : -1;
    if (e.key === ']' || e.key === '[') {
      e.preventDefault();
      const i = model.markIndex(current, e.key === ']' ? 1 : -1);
      if (i >= 0) moveTo(i);
      return;
    }
    if (onKey?.(e.key, selected)) return void e.preventDefault();
    if (!['ArrowDown', 'ArrowUp', 'End', 'Home', 'Escape'].includes(e.key)) return;
    e.preventDefault();
    if (e.key === 'Escape') return onSelect(undefined);
    if (e.key === 'ArrowDown') moveTo(Math.min(count - 1, current + 1));
    if (e.key === 'ArrowUp') moveTo(Math.max(0, current < 0 ? count - 1 : current - 1));
    if (e.key === 'Home') moveTo(0);
    if (e.key === 'End') moveTo(count - 1, true);
  };

  const newCount = follow ? 0 : model.appended - mark.current.appended;
  const items = virtualizer.getVirtualItems();
  const activeId = selected ? `${idPrefix}-r${selected.seq}` : undefined;
  rendered.current.clear();

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
        onKeyDown={onKeyDown}
        onClick={(e) => {
          const seq = (e.target as HTMLElement).closest<HTMLElement>('[data-seq]')?.dataset.seq;
          const row = seq === undefined ? undefined : rendered.current.get(Number(seq));
          if (row) onSelect(row);
        }}
      >
        <div className="log-canvas" style={{ height: count * ROW_HEIGHT }}>
          {items.map((it) => {
            const row = model.viewRow(it.index);
            if (!row) return null;
            rendered.current.set(row.seq, row);
            return (
              <LogRowView
                key={row.seq}
                row={row}
                top={it.start}
                selected={row === selected}
                marked={model.marks.has(row)}
                showStream={showStream}
                highlight={highlight}
                zone={zone}
                domId={`${idPrefix}-r${row.seq}`}
              />
            );
          })}
        </div>
      </div>
      {count === 0 && <p className="log-empty muted">No entries yet.</p>}
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
