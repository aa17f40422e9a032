import type { RollbackAction } from '../../../shared/domain/workflow';
import type { Target } from '../../app/target';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { RollbackPanel, type LiveSwitches } from '../changes/RollbackPanel';

/**
 * The runbook's rollback controls, one click plus one confirmation from the provider (or webhook,
 * or data-layer) page at any time; main records it in the open change of the target, if any.
 */
export function TargetRollback({
  target,
  subject,
  live,
  requested,
  onDone,
}: {
  target: Target;
  subject: string;
  live?: LiveSwitches | undefined;
  requested?: RollbackAction | undefined;
  onDone(): void;
}) {
  const { connectionId, siteId } = target;
  // An edit on the Runbooks screen shows here at once (runbooks.changed invalidates this key).
  const runbook = useBridgeQuery('runbooks.get', { connectionId, siteId, target: subject }).data;
  return (
    <RollbackPanel
      connectionId={connectionId}
      siteId={siteId}
      target={subject}
      runbook={runbook}
      live={live}
      requested={requested}
      onDone={onDone}
    />
  );
}
