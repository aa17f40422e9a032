import { useState } from 'react';
import type { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { DiffView } from './DiffView';
import { RestoreKnownGood } from './RestoreKnownGood';

const RECHECK_MS = 60_000;

/**
 * "Drifted from known-good vN" for one target, with the diff one click away. A query keyed by site
 * and target: re-checked when its history changes (snapshots.changed), after a change writes, and
 * every minute. Mountable on any page (overview, provider page).
 */
export function DriftBadge({
  connectionId,
  siteId,
  target,
}: {
  connectionId: string;
  siteId: string;
  target: SnapshotTarget;
}) {
  const drift = useBridgeQuery(
    'snapshots.drift',
    { connectionId, siteId, target },
    { refetchInterval: RECHECK_MS },
  );
  const [open, setOpen] = useState(false);
  const report = drift.data;
  const error = drift.error;

  if (error)
    return (
      <span className="badge" title={error.message}>
        Drift unknown
      </span>
    );
  if (!report) return <span className="badge">Checking drift…</span>;
  const kg = report.knownGood;
  if (!kg)
    return (
      <span className="badge" data-testid="drift-badge" data-drifted="none">
        No known-good snapshot
      </span>
    );
  if (!report.drifted)
    return (
      <span className="badge badge-healthy" data-testid="drift-badge" data-drifted="false">
        Matches known-good v{kg.version}
      </span>
    );
  const critical = (report.diff?.critical.length ?? 0) > 0;
  return (
    <span className="snap-drift">
      <span
        className={`badge ${critical ? 'badge-failing' : 'badge-degraded'}`}
        data-testid="drift-badge"
        data-drifted="true"
        role="status"
      >
        Drifted from known-good v{kg.version}
      </span>{' '}
      <button
        type="button"
        className="linklike"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide diff' : 'Show diff'}
      </button>
      {open && report.diff && (
        <div className="card snap-drift-diff">
          <DiffView
            diff={report.diff}
            beforeLabel={`known-good v${kg.version}`}
            afterLabel="live"
          />
          <RestoreKnownGood
            connectionId={connectionId}
            siteId={siteId}
            target={target}
            knownGood={kg}
            diff={report.diff}
          />
        </div>
      )}
    </span>
  );
}
