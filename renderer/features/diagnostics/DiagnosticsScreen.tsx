import { useRef, useState } from 'react';
import { useRefresh } from '../../app/refresh-store';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Time } from '../../ui/Time';
import { Notice } from '../../ui/Notice';
import { diagnosticsText } from './diagnostics-text';

/** The last 500 API calls, for the operator and for a support ticket. */
export default function DiagnosticsScreen() {
  const diagnostics = useBridgeQuery('diagnostics.list', {});
  const refresh = useRefresh((s) => s.bump);
  const entries = diagnostics.data ?? [];
  const error = diagnostics.error;
  const [copied, setCopied] = useState<string>();
  const area = useRef<HTMLTextAreaElement>(null);
  // main already answers newest first.
  const shown = entries;

  async function copy() {
    const text = diagnosticsText(shown);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`Copied ${shown.length} calls to the clipboard.`);
    } catch {
      // Clipboard may be refused (permissions); the text box below is the fallback.
      area.current?.select();
      setCopied('The clipboard was refused: the text is selected below, press Ctrl+C.');
    }
  }

  return (
    <section className="screen" aria-labelledby="diag-title">
      <header className="screen-head">
        <h1 id="diag-title">Diagnostics</h1>
        <div className="row">
          <Busy busy={diagnostics.fetching} label="Loading…" />
          <button type="button" onClick={refresh}>
            Refresh
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => void copy()}
            disabled={shown.length === 0}
          >
            Copy for a support ticket
          </button>
        </div>
      </header>
      <p className="muted small">
        The last {shown.length} of at most 500 API calls, newest first. No tokens and no bodies are
        recorded.
      </p>
      {copied && <Notice tone="success" title={copied} />}
      {error && <ErrorNotice error={error} onRetry={diagnostics.refetch} />}
      <table className="table diag-table">
        <caption className="visually-hidden">API calls</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Method</th>
            <th scope="col">Path</th>
            <th scope="col">Status</th>
            <th scope="col">Duration</th>
            <th scope="col">Attempts</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {shown.slice(0, 500).map((e, i) => (
            <tr key={`${e.at}-${i}`} data-method={e.method}>
              <td>
                <Time at={e.at} />
              </td>
              <td>{e.method}</td>
              <td>{e.path}</td>
              <td>{e.status ?? '—'}</td>
              <td>{Math.round(e.durationMs)} ms</td>
              <td>{e.attempts}</td>
              <td className={e.errorKind ? 'status-failed' : ''}>{e.errorKind ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="field">
        <span>Plain text (tab-separated)</span>
        <textarea ref={area} className="copy-area" readOnly value={diagnosticsText(shown)} />
      </label>
    </section>
  );
}
