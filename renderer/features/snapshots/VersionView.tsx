import { useEffect, useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import type { Snapshot, SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import { call } from '../../bridge';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { SOURCE_LABELS, when } from './labels';

/** One version as stored: its facts and its (secret-masked) body. */
export function VersionView({
  snapKey,
  version,
  onClose,
}: {
  snapKey: SnapshotKey;
  version: number;
  onClose(): void;
}) {
  const [snap, setSnap] = useState<Snapshot>();
  const [error, setError] = useState<BridgeError>();
  useEffect(() => {
    setSnap(undefined);
    void call('snapshots.get', { ...snapKey, version }).then((r) =>
      r.ok ? setSnap(r.value) : setError(r.error),
    );
  }, [snapKey, version]);
  return (
    <section className="card" aria-labelledby="snap-view-title">
      <div className="row">
        <h2 id="snap-view-title">Version v{version}</h2>
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Close version
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
      {snap && (
        <>
          <dl className="kv">
            <dt>Taken</dt>
            <dd>{when(snap.createdAt)}</dd>
            <dt>Source</dt>
            <dd>
              {SOURCE_LABELS[snap.source]}
              {snap.changeId ? ` (change ${snap.changeId})` : ''}
            </dd>
            <dt>Known-good</dt>
            <dd>
              {snap.knownGood ? `yes${snap.knownGoodNote ? `: ${snap.knownGoodNote}` : ''}` : 'no'}
            </dd>
            <dt>sha-256</dt>
            <dd>
              <code>{snap.sha256}</code>
            </dd>
          </dl>
          <pre className="snap-body" tabIndex={0} aria-label={`Body of v${version}`}>
            {JSON.stringify(snap.body, null, 2)}
          </pre>
        </>
      )}
    </section>
  );
}
