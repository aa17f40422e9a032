import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import { useBridgeQuery } from '../../data/use-bridge-query';
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
  // Versions are immutable: a query keyed by target and version never needs refetching.
  const query = useBridgeQuery('snapshots.get', { ...snapKey, version }, { staleTime: Infinity });
  const snap = query.data;
  const error = query.error;
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
