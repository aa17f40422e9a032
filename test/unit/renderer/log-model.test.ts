import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../shared/contract/logs';
import { EMPTY_FILTER, filterErrors } from '../../../renderer/features/logs/filter';
import { LogModel } from '../../../renderer/features/logs/log-model';
import {
  compileHighlights,
  compileRegex,
  hasNestedQuantifier,
  highlightPieces,
} from '../../../renderer/features/logs/regex';
import { isoMs, rowAsEntry, TIME_BASE, type Row } from '../../../renderer/features/logs/row';

const T0 = Date.parse('2026-12-01T12:00:00.000Z');
let nextId = 1;
function entry(atMs: number, extra: Partial<LogEntry> = {}): LogEntry {
  const id = nextId++;
  return {
    id,
    timestamp: new Date(T0 + atMs).toISOString(),
    event: 'page_view',
    eventId: `evt_${id}`,
    status: 'sent',
    attempt: 1,
    ...extra,
  };
}
const viewTimes = (m: LogModel) => {
  const out: number[] = [];
  m.forEachInView((r) => out.push(r.t + TIME_BASE));
  return out;
};
const sorted = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1]! <= x);

describe('merged view in timestamp order', () => {
  it('a late batch from another stream is inserted where it belongs, not appended', () => {
    const m = new LogModel(1000, () => T0);
    m.ingest('GA4', [entry(1000), entry(2000), entry(3000)]);
    m.ingest('Meta', [entry(1500), entry(2500)]); // arrives late
    expect(viewTimes(m).map((t) => t - T0)).toEqual([1000, 1500, 2000, 2500, 3000]);
    const streams: string[] = [];
    m.forEachInView((r) => streams.push(r.stream));
    expect(streams).toEqual(['GA4', 'Meta', 'GA4', 'Meta', 'GA4']);
  });

  it('stays in order under interleaved, jittered streams; the oldest lines leave first when full', () => {
    const m = new LogModel(500, () => T0);
    let rnd = 7;
    const rand = () => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let tick = 0; tick < 200; tick++) {
      for (const s of ['GA4', 'Meta', 'Google Ads', 'Webhook ERP']) {
        // Each stream's batch covers the last ~1.5 s, delivered at its own moment.
        const base = tick * 1000 - Math.floor(rand() * 1500);
        m.ingest(s, [entry(base), entry(base + 100), entry(base + 350)]);
      }
    }
    const ts = viewTimes(m);
    expect(ts).toHaveLength(500);
    expect(sorted(ts)).toBe(true);
    // Only the newest 500 by time are kept.
    expect(m.rows.at(0)!.t + TIME_BASE).toBe(ts[0]);
    expect(Math.max(...ts)).toBe(m.rows.last()!.t + TIME_BASE);
  });

  it('filters, stats and the view agree after evictions and late inserts', () => {
    const m = new LogModel(50, () => T0);
    for (let i = 0; i < 100; i++)
      m.ingest(i % 2 ? 'A' : 'B', [
        entry(i * 100 + (i % 3) * 170, { status: i % 5 ? 'sent' : 'failed' }),
      ]);
    m.setFilter({ ...EMPTY_FILTER, statuses: ['failed'] });
    let failed = 0;
    m.rows.forEach((r) => (failed += r.status === 'failed' ? 1 : 0));
    expect(m.viewLength).toBe(failed);
    expect(m.stats.byStatus.get('failed')).toBe(failed);
    m.ingest('A', [entry(100 * 100, { status: 'failed' })]);
    let after = 0;
    m.rows.forEach((r) => (after += r.status === 'failed' ? 1 : 0));
    expect(m.viewLength).toBe(after);
    expect(m.stats.byStatus.get('failed')).toBe(after);
    expect(m.rows.size).toBe(50);
  });

  it('history paged back lands at its own time and the chart buckets it there (no spike)', () => {
    const m = new LogModel(10_000, () => T0);
    m.ingest('GA4', [entry(0)]);
    // 240 lines over the previous 4 minutes, all arriving in one go.
    m.ingestHistory(
      'GA4',
      Array.from({ length: 240 }, (_, i) => entry(-240_000 + i * 1000)),
    );
    expect(sorted(viewTimes(m))).toBe(true);
    const peak = Math.max(...m.stats.series(T0 + 1000).map((b) => b.sent));
    expect(peak).toBeLessThanOrEqual(6);
  });
});

describe('regex filters', () => {
  it('include and exclude run over the whole line', () => {
    const m = new LogModel(100, () => T0);
    m.ingest('GA4', [
      entry(1, {
        event: 'purchase',
        httpStatus: 503,
        status: 'failed',
        error: { code: 'http_503', message: 'down' },
      }),
      entry(2, { event: 'purchase', httpStatus: 204 }),
      entry(3, { event: 'page_view', httpStatus: 204 }),
    ]);
    m.setFilter({ ...EMPTY_FILTER, include: 'purchase.*503' });
    expect(m.viewLength).toBe(1);
    m.setFilter({ ...EMPTY_FILTER, include: 'purchase|page_view', exclude: 'http_503' });
    expect(m.viewLength).toBe(2);
  });

  it('an invalid pattern is reported inline and not applied', () => {
    const f = { ...EMPTY_FILTER, include: 'purchase(', exclude: '(a+)+$' };
    const e = filterErrors(f);
    expect(e.include).toMatch(/^Not a valid regular expression/);
    expect(e.exclude).toMatch(/Nested quantifiers/);
    const m = new LogModel(100, () => T0);
    m.ingest('GA4', [entry(1), entry(2)]);
    m.setFilter(f);
    expect(m.viewLength).toBe(2);
  });

  it('spots nested quantifiers, not ordinary patterns', () => {
    for (const p of ['(a+)+', '(x*y)*', '(?:ab+){2,}', '((a|b)+)*'])
      expect(hasNestedQuantifier(p)).toBe(true);
    for (const p of ['a+b*', '(ab)+', 'purchase.*503', '[(+]+', '\\(a+\\)+', '(a+)?'])
      expect(hasNestedQuantifier(p)).toBe(false);
    expect(compileRegex('')).toBeUndefined();
  });

  it('up to five highlight terms, each with its colour; bad ones reported', () => {
    const h = compileHighlights(['purchase', 'http_5\\d\\d', '(', 'x?', 'ERP', 'sixth']);
    expect(h.errors).toHaveLength(5);
    expect(h.errors[2]).toMatch(/valid regular expression/);
    expect(h.errors[3]).toMatch(/empty text/);
    const pieces = highlightPieces('purchase failed http_503 to ERP', h);
    expect(pieces.filter((p) => p.term >= 0).map((p) => [p.text, p.term])).toEqual([
      ['purchase', 0],
      ['http_503', 1],
      ['ERP', 4],
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe('purchase failed http_503 to ERP');
    // A term's own groups do not shift the colours of the terms after it.
    const g = compileHighlights(['(pur)(chase)', 'ERP']);
    expect(
      highlightPieces('purchase ERP', g)
        .filter((p) => p.term >= 0)
        .map((p) => p.term),
    ).toEqual([0, 1]);
  });
});

describe('reading times', () => {
  it('reads the API form by hand and anything else with Date.parse, to the same ms', () => {
    for (const iso of [
      '2026-12-01T12:34:56.789Z',
      '1999-01-31T23:59:59.000Z',
      '2026-12-01T12:34:56Z',
      '2026-12-01T13:34:56.789+01:00',
      '2026-12-01T12:34:56.7891Z',
    ])
      expect(isoMs(iso)).toBe(Date.parse(iso));
    expect(Number.isNaN(isoMs('yesterday'))).toBe(true);
    expect(Number.isNaN(isoMs('2026-1x-01T12:34:56.789Z'))).toBe(true);
    expect(isoMs('2026-02-30T00:00:00.000Z')).toBe(Date.parse('2026-02-30T00:00:00.000Z'));
  });
});

describe('marks and copy as JSON', () => {
  it('marks lines, jumps between those in view, and drops a mark when its line leaves', () => {
    const m = new LogModel(5, () => T0);
    m.ingest(
      'GA4',
      [0, 1, 2, 3, 4].map((i) => entry(i * 1000)),
    );
    const rows: Row[] = [];
    m.forEachInView((r) => rows.push(r));
    m.toggleMark(rows[1]!);
    m.toggleMark(rows[3]!);
    expect(m.markIndex(-1, 1)).toBe(1);
    expect(m.markIndex(1, 1)).toBe(3);
    expect(m.markIndex(3, 1)).toBe(-1);
    expect(m.markIndex(5, -1)).toBe(3);
    expect(m.markIndex(3, -1)).toBe(1);
    m.toggleMark(rows[3]!);
    expect(m.markIndex(1, 1)).toBe(-1);
    // Two newer lines push the two oldest out, the marked one among them.
    m.ingest('GA4', [entry(5000), entry(6000)]);
    expect(m.marks.size).toBe(0);
  });

  it('a marked line hidden by the filter is skipped, and comes back with the filter cleared', () => {
    const m = new LogModel(10, () => T0);
    m.ingest('GA4', [entry(0), entry(1000, { status: 'failed' }), entry(2000)]);
    const rows: Row[] = [];
    m.forEachInView((r) => rows.push(r));
    m.toggleMark(rows[2]!);
    m.setFilter({ ...EMPTY_FILTER, statuses: ['failed'] });
    expect(m.markIndex(-1, 1)).toBe(-1);
    m.setFilter(EMPTY_FILTER);
    expect(m.markIndex(-1, 1)).toBe(2);
  });

  it('copy as JSON gives back the entry, payload parsed', () => {
    const m = new LogModel(10, () => T0);
    m.ingest('Meta', [
      entry(0, {
        event: 'purchase',
        mappedEvent: 'Purchase',
        httpStatus: 200,
        durationMs: 80,
        payload: { order_id: 'ORD-1', value: 12.5 },
      }),
    ]);
    const j = rowAsEntry(m.viewRow(0)!);
    expect(j).toMatchObject({
      stream: 'Meta',
      event: 'purchase',
      mappedEvent: 'Purchase',
      status: 'sent',
      httpStatus: 200,
      durationMs: 80,
      payload: { order_id: 'ORD-1', value: 12.5 },
    });
    expect(typeof j.eventId).toBe('string');
  });
});
