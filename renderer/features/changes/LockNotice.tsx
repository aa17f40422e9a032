import type { BridgeError } from '../../../shared/bridge';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';

/**
 * A refusal to open a change. The lock is main's: its `conflict` names the open change, and the
 * operator gets a link to it instead of a dead end. Any other error is shown as it is.
 */
export function LockNotice({ error }: { error: BridgeError }) {
  const openId = (error.current as { changeId?: string } | undefined)?.changeId;
  if (error.kind !== 'conflict' || !openId) return <ErrorNotice error={error} />;
  const damaged = (error.current as { damaged?: boolean } | undefined)?.damaged === true;
  return (
    <Notice
      tone="warning"
      title={damaged ? 'A damaged change holds the lock' : 'One provider at a time'}
      action={
        <a href={`#/changes/${openId}`}>
          {damaged ? 'Resolve' : 'Open'} change {openId}
        </a>
      }
    >
      {error.message}
    </Notice>
  );
}
