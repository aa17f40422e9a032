import type { Row } from './row';

export type ExportFormat = 'ndjson' | 'csv';

const COLUMNS = [
  'stream',
  'id',
  'timestamp',
  'event',
  'status',
  'httpStatus',
  'attempt',
  'durationMs',
  'errorCode',
  'errorMessage',
  'reason',
  'payload',
] as const;

function record(r: Row): Record<(typeof COLUMNS)[number], string | number | null> {
  return {
    stream: r.stream,
    id: r.id,
    timestamp: r.ts,
    event: r.event,
    status: r.status,
    httpStatus: r.http || null,
    attempt: r.attempt,
    durationMs: r.ms >= 0 ? r.ms : null,
    errorCode: r.code || null,
    errorMessage: r.message || null,
    reason: r.reason || null,
    payload: r.payload || null,
  };
}

/**
 * CSV cell: quoted when needed, and a leading = + - @ neutralised so a spreadsheet never runs a
 * log line (an attacker controls event names and error messages) as a formula.
 */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function line(r: Row, format: ExportFormat): string {
  const rec = record(r);
  if (format === 'ndjson') return `${JSON.stringify(rec)}\n`;
  return `${COLUMNS.map((c) => csvCell(rec[c])).join(',')}\r\n`;
}

const CHUNK = 5000;
const yieldToUi = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Builds the file in chunks, yielding between them, so a 100,000-line export shows progress and
 * the view keeps scrolling meanwhile.
 */
export async function buildExport(
  rows: Row[],
  format: ExportFormat,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<Blob> {
  const parts: string[] = [];
  if (format === 'csv') parts.push(`${COLUMNS.join(',')}\r\n`);
  for (let i = 0; i < rows.length; i += CHUNK) {
    if (signal?.aborted) throw new Error('export cancelled');
    let chunk = '';
    const end = Math.min(rows.length, i + CHUNK);
    for (let j = i; j < end; j++) chunk += line(rows[j]!, format);
    parts.push(chunk);
    onProgress(end, rows.length);
    if (end < rows.length) await yieldToUi();
  }
  return new Blob(parts, {
    type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson',
  });
}

/**
 * Saves through an object URL and a download link. The app's CSP governs fetches, scripts and
 * styles; a download navigation to a blob: URL of our own origin is not blocked by it (checked
 * by the e2e export test, which fails on any CSP violation).
 */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
