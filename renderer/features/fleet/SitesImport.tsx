import { useEffect, useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import type { SiteImportOutcome } from '../../../shared/bridge/calls/fleet';
import { parseSiteList } from '../../../shared/domain/fleet/site-list';
import { useSession } from '../../app/session-store';
import { call, on } from '../../bridge';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';

const OUTCOME_CLASS: Record<SiteImportOutcome['outcome'], string> = {
  added: 'badge badge-healthy',
  duplicate: 'badge badge-unknown',
  invalid: 'badge badge-failing',
  not_found: 'badge badge-failing',
  refused: 'badge badge-failing',
  unreachable: 'badge badge-degraded',
};

/**
 * #/fleet/add: the API cannot list a token's sites, so sites are added by id: paste a list or
 * pick a CSV file (site id, label). Each id is checked against the API and its answer shown.
 */
export function SitesImport() {
  const connections = useSession((s) => s.connections);
  const [connectionId, setConnectionId] = useState(connections[0]?.id ?? '');
  const [text, setText] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [results, setResults] = useState<SiteImportOutcome[]>();
  const [error, setError] = useState<BridgeError>();
  const reloadSites = useSession((s) => s.load);
  const rows = parseSiteList(text);
  useEffect(() => on('sites.importProgress', (p) => setProgress(p)), []);
  useEffect(() => {
    if (!connectionId && connections[0]) setConnectionId(connections[0].id);
  }, [connections, connectionId]);

  async function pick(file: File | undefined) {
    if (!file) return;
    if (file.size > 2_000_000)
      return setError({ kind: 'validation', message: `${file.name} is larger than 2 MB.` });
    setError(undefined);
    setText(await file.text());
  }
  async function submit() {
    setResults(undefined);
    setError(undefined);
    setProgress({ done: 0, total: rows.length });
    const r = await call('sites.import', { connectionId, rows });
    setProgress(undefined);
    if (!r.ok) return setError(r.error);
    setResults(r.value.results);
    await reloadSites();
  }
  const added = results?.filter((r) => r.outcome === 'added').length ?? 0;
  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">Add sites by id</h2>
      <p className="muted small">
        One site per line: <code>site id, label</code> (comma, semicolon or tab; a header line and{' '}
        <code>#</code> comments are fine). Each id is checked against the API before it is saved;
        sites already saved are refused.
      </p>
      <div className="row">
        <label className="field">
          <span>Connection</span>
          <select value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Or import a CSV file</span>
          <input
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            onChange={(e) => void pick(e.target.files?.[0])}
          />
        </label>
      </div>
      <label className="field">
        <span>Site ids (and labels)</span>
        <textarea
          className="fleet-paste"
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!connectionId || rows.length === 0 || progress !== undefined}
          onClick={() => void submit()}
        >
          Check and add {rows.length} {rows.length === 1 ? 'site' : 'sites'}
        </button>
        {progress && (
          <span role="status">
            Checked {progress.done} of {progress.total}…
          </span>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
      {results && (
        <>
          <Notice
            tone={added === results.length ? 'success' : 'info'}
            title={`${added} of ${results.length} added`}
          />
          <table className="table" aria-label="Import results">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Site id</th>
                <th scope="col">Label</th>
                <th scope="col">Outcome</th>
                <th scope="col">The API's answer</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={`${r.line}-${r.siteId}`} data-outcome={r.outcome}>
                  <td>{r.line}</td>
                  <td className="mono">{r.siteId}</td>
                  <td>{r.label}</td>
                  <td>
                    <span className={OUTCOME_CLASS[r.outcome]}>{r.outcome.replace('_', ' ')}</span>
                  </td>
                  <td>{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
