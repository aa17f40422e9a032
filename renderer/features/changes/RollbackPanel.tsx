import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { rollbackLabel } from '../../../shared/domain/names';
import {
  type JournalEntry,
  type RollbackAction,
  type Runbook,
} from '../../../shared/domain/workflow';
import { call } from '../../bridge';
import { invalidateSite } from '../../data/invalidation';
import { useAsk } from '../../ui/AskDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useWriteScope, writeQuestion } from '../environment/environment';
import { useWebhookList } from '../webhooks/use-webhooks';
import { RollbackResult } from './RollbackResult';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { DiffView } from '../snapshots/DiffView';
import { KnownGoodFacts } from '../snapshots/KnownGoodFacts';

function consequence(action: RollbackAction, target: string): string {
  if (action === 'restore')
    return "PUTs a snapshot back (the change's baseline, outside a change the known-good), then runs the mandatory test again.";
  if (action === 'test_mode')
    return 'Sets testMode: true. Events are logged but not sent, while you investigate.';
  if (action === 'test_mode_off') return 'Sets testMode: false. Events are sent again.';
  if (action === 'enable') {
    if (target.startsWith('webhook:'))
      return 'Sets active: true. Deliveries go to this webhook again.';
    if (target === 'data-layer')
      return 'Sets enabled: true. The site collects data-layer events again.';
    return 'Sets enabled: true. Events are forwarded to this provider again.';
  }
  if (target.startsWith('webhook:'))
    return 'Sets active: false. No delivery goes to this webhook until it is activated again.';
  if (target === 'data-layer')
    return 'Sets enabled: false. The site stops collecting data-layer events until it is enabled again.';
  return 'Sets enabled: false. Nothing is forwarded to this provider until it is enabled again.';
}

type RollbackEntry = Extract<JournalEntry, { type: 'rollback' }>;

/** What a page knows of the target's switches (a webhook's `active` is its `enabled`). */
export interface LiveSwitches {
  enabled?: boolean | undefined;
  testMode?: boolean | undefined;
}

/**
 * The controls for the target as it is now: after "Disable" (this panel's last action, or the live
 * read) the same place offers "Re-enable"; after "Enable test mode", "Disable test mode".
 */
export function rollbackActions(
  target: string,
  live: LiveSwitches | undefined,
  done: Pick<RollbackEntry, 'action' | 'ok'> | undefined,
): RollbackAction[] {
  const last = done?.ok ? done.action : undefined;
  const off = last === 'disable' || (last !== 'enable' && live?.enabled === false);
  const testing = last === 'test_mode' || (last !== 'test_mode_off' && live?.testMode === true);
  const provider = !target.startsWith('webhook:') && target !== 'data-layer';
  return [
    off ? 'enable' : 'disable',
    ...(provider ? [testing ? ('test_mode_off' as const) : ('test_mode' as const)] : []),
    'restore',
  ];
}

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
  live,
  requested,
  restoreAsks = 0,
  onDone,
}: {
  connectionId: string;
  siteId: string;
  target: string;
  changeId?: string | undefined;
  runbook?: Runbook | undefined;
  /** The snapshot version "Restore snapshot" restores (default: the change's baseline, else known-good). */
  version?: number | undefined;
  /** The target's live switches, when the page has read them: an undo is offered for each one off. */
  live?: LiveSwitches | undefined;
  /** Open this rollback's confirmation at once (the command palette); nothing is sent unasked. */
  requested?: RollbackAction | undefined;
  /**
   * How many times "Restore snapshot first…" was asked for (the Abandon dialog): each new ask
   * after mount opens the restore confirmation; the count at mount is history, never re-asked.
   */
  restoreAsks?: number | undefined;
  onDone?(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BridgeError>();
  const [done, setDone] = useState<RollbackEntry>();
  const { ask, dialog } = useAsk();
  const scope = useWriteScope(connectionId, siteId);
  const { names } = useWebhookList({ connectionId, siteId });
  const client = useQueryClient();
  const actions = rollbackActions(target, live, done);
  // Outside a change (and without a version asked for) Restore puts the known-good back: name it.
  const restoresKnownGood = !changeId && !version;
  const drift = useBridgeQuery(
    'snapshots.drift',
    restoresKnownGood ? { connectionId, siteId, target } : undefined,
  ).data;

  async function rollBack(asked: RollbackAction) {
    const label = rollbackLabel(asked, target, names);
    const answer = await ask({
      title: writeQuestion(label, scope),
      message: (
        <>
          <p>{consequence(asked, target)}</p>
          {asked === 'restore' && restoresKnownGood && drift?.knownGood && (
            <>
              <KnownGoodFacts meta={drift.knownGood} />
              {drift.diff ? (
                <DiffView
                  diff={drift.diff}
                  beforeLabel={`known-good v${drift.knownGood.version}`}
                  afterLabel="live"
                />
              ) : (
                <p className="small muted">Live matches it already.</p>
              )}
            </>
          )}
          <p className="muted small">
            Connection {scope.connectionName}. The rollback is recorded in the change journal.
          </p>
        </>
      ),
      confirmLabel: label,
      danger: asked === 'disable',
    });
    if (!answer.confirmed) return;
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    const r = await call('changes.rollback', {
      connectionId,
      siteId,
      target,
      action: asked,
      ...(changeId ? { changeId } : {}),
      ...(version ? { version } : {}),
    });
    setBusy(false);
    invalidateSite(client, connectionId, siteId);
    if (!r.ok) return setError(r.error);
    const last = r.value.entries.findLast((e): e is RollbackEntry => e.type === 'rollback');
    setDone(last);
    onDone?.();
  }

  const asked = useRef(false);
  useEffect(() => {
    if (!requested || asked.current || !actions.includes(requested)) return;
    asked.current = true;
    void rollBack(requested);
  });
  const answeredAsks = useRef(restoreAsks);
  useEffect(() => {
    if (restoreAsks <= answeredAsks.current) return;
    answeredAsks.current = restoreAsks;
    // One rollback at a time: while one is sent, its "Working…" is the answer.
    if (!busy) void rollBack('restore');
  });

  return (
    <section className="card rollback-panel" aria-labelledby="rollback-title">
      <h3 id="rollback-title">Rollback</h3>
      <div className="row">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'disable' ? 'danger' : ''}
            onClick={() => void rollBack(a)}
            disabled={busy}
          >
            {busy ? 'Working…' : rollbackLabel(a, target, names)}
          </button>
        ))}
      </div>
      {runbook && runbook.rollbackControls.length > 0 && (
        <ul className="small rollback-when">
          {runbook.rollbackControls.map((c, i) => (
            <li key={i}>
              <strong>{rollbackLabel(c.control, target, names)}</strong>: {c.when}
            </li>
          ))}
        </ul>
      )}
      {dialog}
      {done && (
        <RollbackResult
          entry={done}
          connectionId={connectionId}
          siteId={siteId}
          target={target}
          webhookNames={names}
        />
      )}
      {error && <ErrorNotice error={error} />}
    </section>
  );
}

export { RollbackPanel };
