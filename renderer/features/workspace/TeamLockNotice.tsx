import { useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { Notice } from '../../ui/Notice';

export interface TeamLockRetry {
  takeOver?: boolean;
  acceptUnconfirmed?: boolean;
}

interface HeldBy {
  operator: string;
  since: string;
  heartbeat: string;
  changeId: string;
  canTakeOver: boolean;
}

/** The team lock's part of a refused Start change, or undefined when the error is not about it. */
export function teamLockOf(
  error: BridgeError,
): { heldBy?: HeldBy; unconfirmed?: true } | undefined {
  const current = error.current as { teamLock?: HeldBy; teamLockUnconfirmed?: boolean } | undefined;
  if (current?.teamLock) return { heldBy: current.teamLock };
  if (current?.teamLockUnconfirmed) return { unconfirmed: true };
  return undefined;
}

/**
 * A Start change the team lock refused: a colleague holds it (named, with since when), or the
 * git server cannot confirm it. Taking over an idle lock and starting without confirmation are
 * explicit second clicks, and both are journaled by main.
 */
export function TeamLockNotice({
  error,
  retry,
}: {
  error: BridgeError;
  retry: (choice: TeamLockRetry) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const lock = teamLockOf(error);
  if (lock?.unconfirmed)
    return (
      <Notice
        tone="warning"
        title="Team lock not confirmed"
        action={
          <button type="button" onClick={() => retry({ acceptUnconfirmed: true })}>
            Start without the team lock
          </button>
        }
      >
        {error.message}
      </Notice>
    );
  const held = lock?.heldBy;
  return (
    <Notice
      tone="warning"
      title={held ? `${held.operator} holds the team lock` : 'Team lock'}
      action={
        held?.canTakeOver ? (
          confirming ? (
            <button type="button" className="danger" onClick={() => retry({ takeOver: true })}>
              Confirm: take over from {held.operator}
            </button>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Take over
            </button>
          )
        ) : undefined
      }
    >
      {error.message}
    </Notice>
  );
}
