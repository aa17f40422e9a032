import { memo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { COLUMNS, MAX_WIDTH, type ColumnKey } from './columns';

/**
 * Column titles above a log list, each with a handle to resize it: drag it, or focus it and use
 * the arrow keys (Shift for bigger steps, Home for the default width).
 */
export const ColumnHeader = memo(function ColumnHeader({
  showStream,
  width,
  resize,
  timeLabel,
}: {
  showStream: boolean;
  /** The time column's title with its zone ("Time (UTC)"). */
  timeLabel: string;
  width(k: ColumnKey): number;
  resize(k: ColumnKey, ch: number | undefined): void;
}) {
  const drag = useRef<{ key: ColumnKey; x: number; w: number; chPx: number }>(undefined);
  const onKey = (k: ColumnKey) => (e: KeyboardEvent) => {
    const step = e.shiftKey ? 5 : 1;
    if (e.key === 'ArrowLeft') resize(k, width(k) - step);
    else if (e.key === 'ArrowRight') resize(k, width(k) + step);
    else if (e.key === 'Home') resize(k, undefined);
    else return;
    e.preventDefault();
  };
  const onDown = (k: ColumnKey) => (e: PointerEvent<HTMLSpanElement>) => {
    const cell = e.currentTarget.parentElement!;
    drag.current = {
      key: k,
      x: e.clientX,
      w: width(k),
      chPx: cell.getBoundingClientRect().width / width(k),
    };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onMove = (e: PointerEvent) => {
    const d = drag.current;
    if (d) resize(d.key, d.w + (e.clientX - d.x) / d.chPx);
  };
  const onUp = () => (drag.current = undefined);
  return (
    <div className="log-cols">
      {COLUMNS.filter((c) => showStream || c.key !== 'stream').map((c) => (
        <span key={c.key} className={`c-${c.key}`}>
          {c.key === 'time' ? timeLabel : c.label}
          <span
            role="separator"
            aria-orientation="vertical"
            aria-label={`Resize the ${c.label} column`}
            aria-valuenow={width(c.key)}
            aria-valuemin={c.min}
            aria-valuemax={MAX_WIDTH}
            tabIndex={0}
            className="col-grip"
            onKeyDown={onKey(c.key)}
            onPointerDown={onDown(c.key)}
            onPointerMove={onMove}
            onPointerUp={onUp}
          />
        </span>
      ))}
      <span className="c-detail">Detail</span>
    </div>
  );
});
