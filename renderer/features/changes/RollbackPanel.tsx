import { useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import {
  ROLLBACK_LABELS,
  type RollbackAction,
  type Runbook,
} from '../../../shared/domain/workflow';
import { call } from '../../bridge';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';

const CONSEQUENCE: Record<RollbackAction, string> = {
  disable: 'Sets enabled: false. Nothing is forwarded to this provider until it is enabled again.',
  test_mode: 'Sets testMode: true. Events are logged but not sent, while you investigate.',
  restore:
    'PUTs the baseline (or the last known-good) snapshot back, then runs the mandatory test again.',
  enable: 'Sets enabled: true. Events are forwarded to this provider again.',
  test_mode_off: 'Sets testMode: false. Events are sent to the provider again.',
};

/**
 * The three rollback controls, one click plus one confirmation each, with the runbook's "when" for
 * each. Used by the change stepper (from Apply onwards) and on provider pages (any time); every
 * rollback is recorded in the change (or in a rollback record when no change is open).
 */
export default function RollbackPanel({
  connectionId,
  siteId,
  target,
  changeId,
  runbook,
  version,
  onDone,
}: {
  connectionId: string;
  siteId: string;
  target: string;
  changeId?: string | undefined;
  runbook?: Runbook | undefined;
  /** The snapshot version "Restore snapshot" restores (default: the change's baseline, else known-good). */
  version?: number | undefined;
  onDone?(): void;
}) {
  const [asked, setAsked] = useState<RollbackAction>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BridgeError>();
  const [done, setDone] = useState<string>();
  const actions: RollbackAction[] =
    target.startsWith('webhook:') || target === 'data-layer'
      ? ['disable', 'restore']
      : ['disable', 'test_mode', 'restore'];

  async function confirm() {
    if (!asked) return;
    setBusy(true);
    setError(undefined);
    const r = await call('changes.rollback', {
      connectionId,
      siteId,
      target,
      action: asked,
      ...(changeId ? { changeId } : {}),
      ...(version ? { version } : {}),
    });
    setBusy(false);
    const label = ROLLBACK_LABELS[asked];
    setAsked(undefined);
    if (!r.ok) return setError(r.error);
    setDone(`${label}: done and recorded.`);
    onDone?.();
  }

  return (
    <section className="card rollback-panel" aria-labelledby="rollback-title">
      <h3 id="rollback-title">Rollback</h3>
      <div className="row">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'disable' ? 'danger' : ''}
            onClick={() => setAsked(a)}
            disabled={busy}
          >
            {ROLLBACK_LABELS[a]}
          </button>
        ))}
      </div>
      {runbook && runbook.rollbackControls.length > 0 && (
        <ul className="small rollback-when">
          {runbook.rollbackControls.map((c, i) => (
            <li key={i}>
              <strong>{ROLLBACK_LABELS[c.control]}</strong>: {c.when}
            </li>
          ))}
        </ul>
      )}
      {done && <Notice tone="success" title={done} />}
      {error && <ErrorNotice error={error} />}
      <Dialog
        open={asked !== undefined}
        title={asked ? `${ROLLBACK_LABELS[asked]}?` : ''}
        onClose={() => setAsked(undefined)}
        actions={
          <button type="button" className="primary" disabled={busy} onClick={() => void confirm()}>
            {busy ? 'Working…' : 'Confirm'}
          </button>
        }
      >
        <p>{asked ? CONSEQUENCE[asked] : ''}</p>
        <p className="muted small">
          Target {target}. The rollback is recorded in the change journal.
        </p>
      </Dialog>
    </section>
  );
}

export { RollbackPanel };
