import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import type { SnapshotMeta, SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import type { ConfigDiff } from '../../../shared/domain/diff/schema';
import { targetName } from '../../../shared/domain/names';
import { foldChange } from '../../../shared/domain/workflow';
import { call } from '../../bridge';
import { invalidateSite } from '../../data/invalidation';
import { useAsk } from '../../ui/AskDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useWriteScope, writeQuestion } from '../environment/environment';
import { DiffView } from './DiffView';
import { KnownGoodFacts } from './KnownGoodFacts';

/**
 * "Restore known-good" next to a drift diff (Overview, provider pages): the same rollback as the
 * Rollback panel's Restore snapshot (recorded in the open change, or in a rollback record, with the
 * mandatory test after), asked with the version named and the diff against live shown.
 */
export function RestoreKnownGood({
  connectionId,
  siteId,
  target,
  knownGood,
  diff,
}: {
  connectionId: string;
  siteId: string;
  target: SnapshotTarget;
  knownGood: SnapshotMeta;
  diff: ConfigDiff;
}) {
  const { ask, dialog } = useAsk();
  const scope = useWriteScope(connectionId, siteId);
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BridgeError>();
  const [result, setResult] = useState<string>();
  const label = `Restore known-good v${knownGood.version}`;

  async function restore() {
    const answer = await ask({
      title: writeQuestion(`${label} of ${targetName(target)}`, scope),
      message: (
        <>
          <KnownGoodFacts meta={knownGood} />
          <p>It replaces live (the diff below), then runs the mandatory test again.</p>
          <DiffView
            diff={diff}
            beforeLabel={`known-good v${knownGood.version}`}
            afterLabel="live"
          />
        </>
      ),
      confirmLabel: label,
    });
    if (!answer.confirmed) return;
    setBusy(true);
    setError(undefined);
    const r = await call('changes.rollback', {
      connectionId,
      siteId,
      target,
      action: 'restore',
      version: knownGood.version,
      // By its permanent id: a colleague's version merged meanwhile can shift the numbers.
      id: knownGood.id,
    });
    setBusy(false);
    invalidateSite(client, connectionId, siteId);
    if (!r.ok) return setError(r.error);
    const s = foldChange(r.value.entries);
    const last = s.entries.findLast((e) => e.type === 'rollback');
    setResult(
      last?.type === 'rollback' && last.ok
        ? `Restored v${knownGood.version}${last.test ? `; test ${last.test.ok ? 'passed' : 'FAILED'}` : ''}. Recorded in ${s.id}.`
        : `The restore failed: ${last?.type === 'rollback' ? (last.error ?? '') : ''}`,
    );
  }

  return (
    <div className="row">
      <button type="button" className="primary" disabled={busy} onClick={() => void restore()}>
        {busy ? 'Restoring…' : label}
      </button>
      {result && (
        <span role="status" className="small" data-testid="restore-result">
          {result}
        </span>
      )}
      {error && <ErrorNotice error={error} />}
      {dialog}
    </div>
  );
}
