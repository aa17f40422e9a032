import type { SnapshotMeta } from '../../../shared/bridge/calls/snapshots-types';
import { shortSha, SOURCE_LABELS, when } from './labels';

export interface RowActions {
  view(v: SnapshotMeta): void;
  compareWithLive(v: SnapshotMeta): void;
  toggleKnownGood(v: SnapshotMeta): void;
  /** "Restore snapshot": opens a change with this version as its draft. */
  restore(v: SnapshotMeta): void;
}

/** One target's versions, newest first, with known-good, source and change badges. */
export function HistoryTable({
  versions,
  picked,
  onPick,
  actions,
  restoring,
}: {
  versions: SnapshotMeta[];
  picked: number[];
  onPick(v: number): void;
  actions: RowActions;
  /** The version whose restore change is being opened (its button waits). */
  restoring?: number | undefined;
}) {
  return (
    <table className="table snap-history" aria-label="Snapshot history">
      <thead>
        <tr>
          <th scope="col">Pick</th>
          <th scope="col">Version</th>
          <th scope="col">Taken</th>
          <th scope="col">By</th>
          <th scope="col">Badges</th>
          <th scope="col">Label</th>
          <th scope="col">sha-256</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.version} data-testid={`snap-row-${v.version}`}>
            <td>
              <input
                type="checkbox"
                checked={picked.includes(v.version)}
                onChange={() => onPick(v.version)}
                aria-label={`Pick v${v.version} for compare or export`}
              />
            </td>
            <td>
              <strong>v{v.version}</strong>
            </td>
            <td>{when(v.createdAt)}</td>
            <td>
              {v.author ?? ''}
              {v.knownGood && v.knownGoodBy ? (
                <span className="muted small"> · marked by {v.knownGoodBy}</span>
              ) : null}
            </td>
            <td className="row">
              {v.knownGood && (
                <span className="badge badge-healthy" title={v.knownGoodNote ?? ''}>
                  known-good
                </span>
              )}
              <span className={`badge snap-src-${v.source}`}>{SOURCE_LABELS[v.source]}</span>
              {v.changeId && (
                <span className="badge" title="change id">
                  change {v.changeId}
                </span>
              )}
            </td>
            <td>{v.label ?? ''}</td>
            <td>
              <code title={v.sha256}>{shortSha(v.sha256)}</code>
            </td>
            <td className="row">
              <button
                type="button"
                onClick={() => actions.view(v)}
                aria-label={`View v${v.version}`}
              >
                View
              </button>
              <button
                type="button"
                onClick={() => actions.compareWithLive(v)}
                aria-label={`Diff live v${v.version}`}
              >
                Diff live
              </button>
              <button
                type="button"
                onClick={() => actions.toggleKnownGood(v)}
                aria-label={v.knownGood ? `Unmark v${v.version}` : `Mark known-good v${v.version}`}
              >
                {v.knownGood ? 'Unmark' : 'Mark known-good'}
              </button>
              <button
                type="button"
                className="danger"
                disabled={restoring !== undefined}
                onClick={() => actions.restore(v)}
                aria-label={`Restore snapshot v${v.version}`}
              >
                {restoring === v.version ? 'Opening the change…' : 'Restore snapshot'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
