import { useCallback, useMemo, useState } from 'react';

export type ColumnKey = 'time' | 'stream' | 'status' | 'http' | 'event' | 'attempt' | 'ms';

/** The fixed columns of a log line (widths in `ch` of the monospace font); the detail takes the rest. */
export const COLUMNS: { key: ColumnKey; label: string; min: number; def: number }[] = [
  { key: 'time', label: 'Time', min: 8, def: 12.5 },
  { key: 'stream', label: 'Stream', min: 4, def: 13 },
  { key: 'status', label: 'Status', min: 4, def: 9 },
  { key: 'http', label: 'HTTP', min: 3, def: 4 },
  { key: 'event', label: 'Event', min: 6, def: 14 },
  { key: 'attempt', label: 'Try', min: 2, def: 3 },
  { key: 'ms', label: 'Latency', min: 4, def: 7 },
];
export const MAX_WIDTH = 80;
const STORE = 'integration-ops.log-columns';

type Widths = Partial<Record<ColumnKey, number>>;

function load(): Widths {
  try {
    const raw = JSON.parse(localStorage.getItem(STORE) ?? '{}') as unknown;
    if (!raw || typeof raw !== 'object') return {};
    const out: Widths = {};
    for (const c of COLUMNS) {
      const v = (raw as Record<string, unknown>)[c.key];
      if (typeof v === 'number' && v >= c.min && v <= MAX_WIDTH) out[c.key] = v;
    }
    return out;
  } catch {
    return {};
  }
}

/**
 * Column widths of the log views: what the operator dragged (kept across views and restarts),
 * otherwise the defaults, with the event column as wide as the longest event name seen so a
 * "checkout_begin → begin_checkout" is never cut while the detail column has room, and the time
 * column as wide as its title ("Time (UTC+09:00)" is wider than a time).
 */
export function useColumns(longestEvent: number, timeTitle = 'Time') {
  const [set, setSet] = useState<Widths>(load);
  // Stable between renders unless a width changes, so the header only re-renders then.
  const width = useCallback(
    (k: ColumnKey): number => {
      const c = COLUMNS.find((x) => x.key === k)!;
      if (set[k] !== undefined) return set[k];
      if (k === 'event') return Math.min(48, Math.max(c.def, longestEvent + 1));
      // The title is in the proportional bold font: about 0.9 ch of the monospace one per letter.
      if (k === 'time') return Math.max(c.def, Math.ceil(timeTitle.length * 0.9) + 1.5);
      return c.def;
    },
    [set, longestEvent, timeTitle],
  );
  const resize = useCallback((k: ColumnKey, ch: number | undefined) => {
    setSet((cur) => {
      const c = COLUMNS.find((x) => x.key === k)!;
      const next = { ...cur };
      if (ch === undefined) delete next[k];
      else next[k] = Math.round(Math.max(c.min, Math.min(MAX_WIDTH, ch)) * 2) / 2;
      try {
        localStorage.setItem(STORE, JSON.stringify(next));
      } catch {
        // Storage full or refused: the widths still hold for this session.
      }
      return next;
    });
  }, []);
  const style = useMemo(
    () => Object.fromEntries(COLUMNS.map((c) => [`--w-${c.key}`, `${width(c.key)}ch`])),
    [width],
  );
  return { width, resize, style };
}
