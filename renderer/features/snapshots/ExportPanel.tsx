import { useEffect, useRef, useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import { call } from '../../bridge';
import { ErrorNotice } from '../../ui/ErrorNotice';

/**
 * Export the picked versions (or the whole history) to a JSON bundle. The file is offered as a
 * Blob-URL download (allowed by our CSP: downloads are not governed by default-src); the text is
 * also shown read-only with a Copy button, for machines where downloads are blocked.
 */
export function ExportPanel({
  snapKey,
  versions,
  onClose,
}: {
  snapKey: SnapshotKey;
  versions: number[];
  onClose(): void;
}) {
  const [bundle, setBundle] = useState<{
    text: string;
    fileName: string;
    count: number;
    url: string;
  }>();
  const [error, setError] = useState<BridgeError>();
  const [copied, setCopied] = useState(false);
  const urlRef = useRef<string | undefined>(undefined);

  useEffect(() => {
    void call('snapshots.export', {
      items: [
        {
          ...snapKey,
          ...(versions.length > 0 ? { versions: [...versions].sort((a, b) => a - b) } : {}),
        },
      ],
    }).then((r) => {
      if (!r.ok) return setError(r.error);
      const url = URL.createObjectURL(new Blob([r.value.bundle], { type: 'application/json' }));
      urlRef.current = url;
      setBundle({ text: r.value.bundle, fileName: r.value.fileName, count: r.value.count, url });
    });
    return () => {
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    };
  }, [snapKey, versions]);

  async function copy() {
    if (!bundle) return;
    await navigator.clipboard.writeText(bundle.text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  return (
    <section className="card" aria-labelledby="snap-export-title">
      <div className="row">
        <h2 id="snap-export-title">Export</h2>
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Close export
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
      {!bundle && !error && <p role="status">Preparing the bundle…</p>}
      {bundle && (
        <>
          <p>
            {bundle.count} version{bundle.count === 1 ? '' : 's'}, secrets masked.{' '}
            <a href={bundle.url} download={bundle.fileName} data-testid="snap-download">
              Download {bundle.fileName}
            </a>
          </p>
          <div className="field">
            <label htmlFor="snap-export-text">Bundle (read-only)</label>
            <textarea
              id="snap-export-text"
              readOnly
              rows={8}
              value={bundle.text}
              className="snap-bundle"
            />
          </div>
          <div className="row">
            <button type="button" onClick={() => void copy()}>
              Copy
            </button>
            {copied && <span role="status">Copied to the clipboard.</span>}
          </div>
        </>
      )}
    </section>
  );
}
