import { plural, targetName } from '../../../shared/domain/names';
import { useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { BUNDLE_MAX_CHARS, type ImportReport } from '../../../shared/bridge/calls/snapshots';
import { call } from '../../bridge';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';

/** Import a bundle (file or paste), optionally onto the current site; a plain report of the outcome. */
export function ImportPanel({
  into,
  onClose,
}: {
  into: { connectionId: string; siteId: string };
  onClose(): void;
}) {
  const [text, setText] = useState('');
  const [rehome, setRehome] = useState(true);
  const [report, setReport] = useState<ImportReport>();
  const [error, setError] = useState<BridgeError>();
  const [busy, setBusy] = useState(false);

  async function pick(file: File | undefined) {
    if (!file) return;
    if (file.size > BUNDLE_MAX_CHARS * 4)
      return setError({
        kind: 'validation',
        message: `The file is too large (${Math.round(file.size / 1e6)} MB).`,
      });
    setText(await file.text());
  }

  async function run() {
    setBusy(true);
    setReport(undefined);
    setError(undefined);
    const r = await call('snapshots.import', { bundle: text, ...(rehome ? { into } : {}) });
    setBusy(false);
    if (r.ok) setReport(r.value);
    else setError(r.error);
  }

  return (
    <section className="card" aria-labelledby="snap-import-title">
      <div className="row">
        <h2 id="snap-import-title">Import a bundle</h2>
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Close import
        </button>
      </div>
      <div className="field">
        <label htmlFor="snap-import-file">Bundle file</label>
        <input
          id="snap-import-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => void pick(e.target.files?.[0])}
        />
      </div>
      <div className="field">
        <label htmlFor="snap-import-text">…or paste the bundle</label>
        <textarea
          id="snap-import-text"
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="snap-bundle"
        />
      </div>
      <label className="row">
        <input type="checkbox" checked={rehome} onChange={(e) => setRehome(e.target.checked)} />{' '}
        Import onto the selected site (otherwise onto the sites named in the bundle)
      </label>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!text.trim() || busy}
          onClick={() => void run()}
        >
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
      {report && (
        <div data-testid="import-report">
          <Notice
            tone={report.refused.length > 0 ? 'error' : 'success'}
            title={
              report.refused.length > 0
                ? 'Import refused: nothing was written'
                : `Imported ${plural(report.imported.length, 'version')}, skipped ${plural(report.skippedDuplicates.length, 'duplicate')}`
            }
          >
            <ul className="issues">
              {report.imported.map((m) => (
                <li key={`${m.target}-${m.version}`}>
                  imported as {targetName(m.target)} v{m.version}
                </li>
              ))}
              {report.skippedDuplicates.map((d) => (
                <li key={`d${d.item}`}>
                  item {d.item + 1}: already stored as {targetName(d.target)} v{d.existingVersion}
                </li>
              ))}
              {report.refused.map((r) => (
                <li key={`r${r.item}`}>
                  item {r.item + 1} refused: {r.reason}
                </li>
              ))}
            </ul>
          </Notice>
          {report.notes.map((n) => (
            <p key={n} className="small muted">
              {n}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
