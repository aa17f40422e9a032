import { useRef, useState } from 'react';
import { buildExport, download, type ExportFormat } from './export';
import type { LogModel } from './log-model';
import type { Row } from './row';

/** Export of the retained or the filtered lines, with progress for large buffers. */
export function ExportControls({
  model,
  idPrefix,
  name,
}: {
  model: LogModel;
  idPrefix: string;
  name: string;
}) {
  const [format, setFormat] = useState<ExportFormat>('ndjson');
  const [scope, setScope] = useState<'filtered' | 'retained'>('filtered');
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const abort = useRef<AbortController>(undefined);

  async function run() {
    const rows: Row[] = [];
    if (scope === 'retained') model.rows.forEach((r) => rows.push(r));
    else model.forEachInView((r) => rows.push(r));
    abort.current = new AbortController();
    setProgress({ done: 0, total: rows.length });
    try {
      const blob = await buildExport(
        rows,
        format,
        (done, total) => setProgress({ done, total }),
        abort.current.signal,
      );
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      download(blob, `${name}-${scope}-${stamp}.${format === 'csv' ? 'csv' : 'ndjson'}`);
    } catch {
      // Cancelled by the operator: nothing to save.
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <div className="log-export" role="group" aria-label="Export">
      <label htmlFor={`${idPrefix}-scope`} className="sr-only">
        Lines to export
      </label>
      <select
        id={`${idPrefix}-scope`}
        value={scope}
        onChange={(e) => setScope(e.target.value as 'filtered' | 'retained')}
      >
        <option value="filtered">Filtered lines</option>
        <option value="retained">All retained lines</option>
      </select>
      <label htmlFor={`${idPrefix}-format`} className="sr-only">
        File format
      </label>
      <select
        id={`${idPrefix}-format`}
        value={format}
        onChange={(e) => setFormat(e.target.value as ExportFormat)}
      >
        <option value="ndjson">NDJSON</option>
        <option value="csv">CSV</option>
      </select>
      {progress ? (
        <>
          <progress max={progress.total || 1} value={progress.done} aria-label="Export progress" />
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel export
          </button>
        </>
      ) : (
        <button type="button" onClick={() => void run()}>
          Export
        </button>
      )}
    </div>
  );
}
