import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FleetRow } from '../../../shared/bridge/calls/fleet';
import { useNow } from '../../ui/use-now';
import { FLEET_COLUMNS, FleetRowView } from './FleetRowView';
import { useOpenSite } from './open-site';

const ROW_HEIGHT = 44;

interface Props {
  rows: FleetRow[];
  selected: ReadonlySet<string>;
  onSelect(key: string, on: boolean): void;
  /** The rows on screen, so main reads them first. */
  onVisible(keys: string[]): void;
}

/**
 * The fleet as one virtualized grid: only the rows in view exist in the DOM. Keyboard: ↑ ↓,
 * Page Up/Down, Home/End move; Enter opens the site; Space selects it. The active row is always
 * rendered, so `aria-activedescendant` never points at nothing.
 */
export function FleetGrid({ rows, selected, onSelect, onVisible }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const now = useNow(5000);
  const openSite = useOpenSite();
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    rangeExtractor: useCallback(
      (range: Parameters<typeof defaultRangeExtractor>[0]) => {
        const indexes = defaultRangeExtractor(range);
        return indexes.includes(activeIndex) || rows.length === 0
          ? indexes
          : [...indexes, activeIndex].sort((a, b) => a - b);
      },
      [activeIndex, rows.length],
    ),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const visibleKeys = rows
    .slice(first, last + 1)
    .map((r) => r.key)
    .join(',');
  useEffect(() => {
    const t = setTimeout(() => onVisible(visibleKeys ? visibleKeys.split(',') : []), 300);
    return () => clearTimeout(t);
  }, [visibleKeys, onVisible]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const row = rows[activeIndex];
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + page),
      PageUp: () => move(activeIndex - page),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: () => row && openSite(row.key),
      ' ': () => row && onSelect(row.key, !selected.has(row.key)),
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  };

  return (
    <div
      ref={scroller}
      role="grid"
      aria-label="Fleet sites"
      aria-rowcount={rows.length + 1}
      aria-colcount={FLEET_COLUMNS.length}
      aria-activedescendant={rows[activeIndex] ? `fleet-row-${rows[activeIndex].key}` : undefined}
      aria-describedby="fleet-keys"
      tabIndex={0}
      className="fleet-grid"
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="fleet-head">
        <div role="row" aria-rowindex={1} className="fleet-row">
          {FLEET_COLUMNS.map((c) => (
            <div role="columnheader" key={c}>
              {c === 'Select' ? <span className="visually-hidden">{c}</span> : c}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="fleet-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((v) => {
          const row = rows[v.index]!;
          return (
            <FleetRowView
              key={row.key}
              row={row}
              index={v.index}
              active={v.index === activeIndex}
              selected={selected.has(row.key)}
              now={now}
              top={v.start}
              height={ROW_HEIGHT}
              onSelect={onSelect}
              onActivate={setActive}
              openSite={openSite}
            />
          );
        })}
      </div>
    </div>
  );
}
