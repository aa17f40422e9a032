import { useEffect, useState } from 'react';
import type { Runbook } from '../../../shared/domain/workflow';
import { call, on } from '../../bridge';
import type { Target } from '../../app/target';
import { RollbackPanel } from '../changes/RollbackPanel';

/**
 * The runbook's rollback controls, one click plus one confirmation from the provider (or webhook,
 * or data-layer) page at any time; main records it in the open change of the target, if any.
 */
export function TargetRollback({
  target,
  subject,
  onDone,
}: {
  target: Target;
  subject: string;
  onDone(): void;
}) {
  const [runbook, setRunbook] = useState<Runbook>();
  const { connectionId, siteId } = target;
  useEffect(() => {
    const load = () =>
      void call('runbooks.get', { connectionId, siteId, target: subject }).then(
        (r) => r.ok && setRunbook(r.value),
      );
    load();
    // An edit on the Runbooks screen shows here at once.
    return on('runbooks.changed', (k) => {
      if (k.connectionId === connectionId && k.siteId === siteId && k.target === subject) load();
    });
  }, [connectionId, siteId, subject]);
  return (
    <RollbackPanel
      connectionId={connectionId}
      siteId={siteId}
      target={subject}
      runbook={runbook}
      onDone={onDone}
    />
  );
}
