import { lazy, Suspense } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import type { TestResult, Webhook } from '../../../shared/contract';
import type { Target } from '../../app/target';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { TestResultView } from '../../ui/TestResultView';
import { StartChangeButton } from '../changes/StartChangeButton';
import { TargetRollback } from '../providers/ProviderRollback';
import { useRefresh } from '../../app/refresh-store';

const LogPanel = lazy(() => import('../logs/LogPanel'));

/**
 * The selected webhook: the way to change it (Start change, the runbook's stepper), its rollback
 * controls, its last test and its live deliveries (the shared live log, compact).
 */
export function Deliveries({
  target,
  hook,
  testing,
  test,
}: {
  target: Target;
  hook: Webhook;
  testing: boolean;
  test: { result?: TestResult; error?: BridgeError } | undefined;
}) {
  const refresh = useRefresh((s) => s.bump);
  const subject = `webhook:${hook.id}`;
  return (
    <article className="card" aria-labelledby="deliveries-title" data-testid="webhook-detail">
      <header className="row">
        <h2 id="deliveries-title">{hook.name}</h2>
        <span className="spacer" />
        <Busy busy={testing} label="Testing…" />
        <StartChangeButton
          connectionId={target.connectionId}
          siteId={target.siteId}
          target={subject}
          title={`Edit webhook ${hook.name}`}
        />
      </header>
      {test?.error && <ErrorNotice error={test.error} />}
      {test?.result && <TestResultView result={test.result} />}
      <TargetRollback target={target} subject={subject} onDone={refresh} />
      <Suspense
        fallback={
          <p className="muted" role="status">
            Loading the live log…
          </p>
        }
      >
        <LogPanel
          key={hook.id}
          connectionId={target.connectionId}
          siteId={target.siteId}
          stream={{ kind: 'webhook', webhookId: hook.id }}
          compact
          title={`${hook.name} deliveries (live)`}
        />
      </Suspense>
    </article>
  );
}
