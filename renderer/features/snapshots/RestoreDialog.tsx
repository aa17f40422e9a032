import { useEffect, useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import type { RestoreResult } from '../../../shared/bridge/calls/snapshots';
import type { SnapshotKey, SnapshotMeta } from '../../../shared/bridge/calls/snapshots-types';
import type { ConfigDiff } from '../../../shared/domain/diff/schema';
import { call } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { TestResultView } from '../../ui/TestResultView';
import { DiffView } from './DiffView';

/**
 * Restore with eyes open: the dialog shows exactly what will change on the live configuration
 * (live -> vN), then runs the restore and shows the mandatory test result.
 */
export function RestoreDialog({ snapKey, version, onClose }: { snapKey: SnapshotKey; version: SnapshotMeta | undefined; onClose(): void }) {
  const [diff, setDiff] = useState<ConfigDiff>();
  const [error, setError] = useState<BridgeError>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<RestoreResult>();

  useEffect(() => {
    setDiff(undefined);
    setError(undefined);
    setDone(undefined);
    if (!version) return;
    void call('snapshots.compare', { a: { ...snapKey, version: 'live' }, b: { ...snapKey, version: version.version }, withTraffic: true }).then((r) =>
      r.ok ? setDiff(r.value.diff) : setError(r.error),
    );
  }, [snapKey, version]);

  async function restore() {
    if (!version) return;
    setBusy(true);
    const r = await call('snapshots.restore', { ...snapKey, version: version.version });
    setBusy(false);
    if (r.ok) setDone(r.value);
    else setError(r.error);
  }

  const title = version ? `Restore v${version.version} to the live configuration` : 'Restore';
  return (
    <Dialog
      open={!!version}
      title={title}
      onClose={onClose}
      wide
      actions={
        !done && (
          <button type="button" className="danger solid" disabled={!diff || diff.identical || busy} onClick={() => void restore()}>
            {busy ? 'Restoring and testing…' : `Restore v${version?.version ?? ''} and run the test`}
          </button>
        )
      }
    >
      {error && <ErrorNotice error={error} />}
      {!done && !diff && !error && <p role="status">Reading the live configuration…</p>}
      {!done && diff && (
        <>
          <p>
            The live configuration is replaced by v{version?.version}. Secrets stay as they are on the server (snapshots hold only
            masks). A snapshot of the current live state is taken first, and the provider test runs right after.
          </p>
          <DiffView diff={diff} beforeLabel="live (now)" afterLabel={`v${version?.version ?? ''}`} />
        </>
      )}
      {done && (
        <div data-testid="restore-result">
          <Notice tone={done.test?.ok === false || done.testError ? 'warning' : 'success'} title={`Restored v${done.restoredFrom.version}`}>
            Before-restore state saved as v{done.before.version}; restored state recorded as v{done.after.version} (rollback).
          </Notice>
          {done.test && <TestResultView result={done.test} />}
          {done.testError && <Notice tone="error" title="The test could not run">{done.testError}</Notice>}
          {!done.test && !done.testError && <p className="muted">No test exists for this configuration (data layer).</p>}
          <p className="small muted">Watch the logs for one business cycle to confirm events flow again.</p>
        </div>
      )}
    </Dialog>
  );
}
