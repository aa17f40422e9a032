import type { ChangeState } from '../../../../shared/domain/workflow';
import { diffResource } from '../../../../shared/domain/diff';
import { useAsk } from '../../../ui/AskDialog';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { useWriteScope, writeQuestion } from '../../environment/environment';
import { useChange } from '../change-store';
import { ServerChanges } from './ServerChanges';

/**
 * Config of a delete: nothing to edit. What will be removed, the snapshot that keeps it, and the
 * Apply that deletes it (DELETE with If-Match of the baseline, then a check that it is gone).
 */
export function DeleteDraft({ s }: { s: ChangeState }) {
  const run = useChange((x) => x.run);
  const busy = useChange((x) => x.busy);
  const before = s.baseline?.body ?? {};
  const name = typeof before.name === 'string' ? before.name : s.target;
  const scope = useWriteScope(s.connectionId, s.siteId);
  const { ask, dialog } = useAsk();
  async function apply() {
    const answer = await ask({
      title: writeQuestion(`Delete the webhook “${name}”`, scope),
      message: (
        <p>DELETE with If-Match of the baseline to {scope.connectionName}; deliveries stop.</p>
      ),
      confirmLabel: 'Apply change (delete)',
      danger: true,
    });
    if (answer.confirmed) await run('Applying', 'changes.apply', { changeId: s.id });
  }
  return (
    <div className="step-body" data-testid="delete-draft">
      {dialog}
      <p>
        Applying this change deletes the webhook <strong>{name}</strong>
        {typeof before.url === 'string' ? (
          <>
            {' '}
            (<code>{before.url}</code>)
          </>
        ) : null}
        : deliveries to it stop.
      </p>
      <p className="small muted">
        {s.baseline?.snapshotVersion
          ? `Its baseline snapshot v${s.baseline.snapshotVersion} is kept: “Restore snapshot” on the Snapshots screen re-creates it (its secret must be entered again).`
          : 'No baseline snapshot could be taken: once deleted, it cannot be restored from this app.'}
      </p>
      <ServerChanges diff={diffResource('webhook', before, {})} label="What is removed" />
      {s.lastApplyError && !s.needsBaseline && <ErrorNotice error={s.lastApplyError.error} />}
      <div className="row">
        <button
          type="button"
          className="danger solid"
          disabled={busy !== undefined}
          onClick={() => void apply()}
        >
          {busy === 'Applying' ? 'Applying…' : 'Apply change (delete)'}
        </button>
        <span className="small muted">
          DELETE with If-Match of the baseline; then a check that it is gone.
        </span>
      </div>
    </div>
  );
}
