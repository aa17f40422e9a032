import { lazy, Suspense, useEffect } from 'react';
import { LOGS_MAX_LIMIT, type ProviderKey } from '../../../shared/contract';
import { targetName } from '../../../shared/domain/names';
import { useRefresh } from '../../app/refresh-store';
import { targetKey, useTarget } from '../../app/target';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { StartChangeButton } from '../changes/StartChangeButton';
import { DriftBadge } from '../snapshots/DriftBadge';
import { ConfigCard } from './ConfigCard';
import { MappingTable } from './MappingTable';
import type { RollbackAction } from '../../../shared/domain/workflow';
import { TargetRollback } from './ProviderRollback';
import { ProviderHealthCard } from './ProviderHealthCard';
import { RulesCard } from './RulesCard';
import { TestCard } from './TestCard';

// The live log (its tail, chart code) loads after the page itself.
const LogPanel = lazy(() => import('../logs/LogPanel'));

/**
 * A provider's page: what is live, the way to change it (Start change: the runbook's stepper, never
 * a direct PUT), the rollback controls, drift from known-good and the live log.
 */
export function ProviderView({
  provider,
  editRequested = false,
  rollbackRequested,
}: {
  provider: ProviderKey;
  editRequested?: boolean;
  rollbackRequested?: RollbackAction | undefined;
}) {
  const t = useTarget();
  const key = targetKey(t?.target);
  const refresh = useRefresh((s) => s.bump);
  const input = t ? { ...t.target, provider } : undefined;
  const live = useBridgeQuery('integrations.get', input);
  const defaults = useBridgeQuery('integrations.mappings', input, { staleTime: 5 * 60_000 });
  // The full page: the traffic-without-mapping check needs more than the 20-row preview.
  const logs = useBridgeQuery(
    'integrations.logs',
    input && { ...input, limit: LOGS_MAX_LIMIT, offset: 0 },
  );
  // The old "Edit config" links land here: put the keyboard on the one way to edit.
  useEffect(() => {
    if (editRequested) document.querySelector<HTMLButtonElement>('.start-change button')?.focus();
  }, [editRequested, key]);

  if (!t)
    return (
      <Notice tone="info" title="No site selected">
        Select a site first.
      </Notice>
    );
  const integration = live.data?.data;
  return (
    <>
      <header className="screen-head">
        <div className="row">
          <h2 className="h1-like">
            {targetName(provider)} · {t.label}
          </h2>
          <DriftBadge
            connectionId={t.target.connectionId}
            siteId={t.target.siteId}
            target={provider}
          />
        </div>
        <div className="row">
          <Busy busy={live.fetching} label="Loading…" />
          <button type="button" onClick={refresh}>
            Refresh
          </button>
          <StartChangeButton
            connectionId={t.target.connectionId}
            siteId={t.target.siteId}
            target={provider}
          />
        </div>
      </header>
      {editRequested && (
        <Notice tone="info" title="Config edits go through the change workflow">
          Start change takes a baseline snapshot, then opens the editor in its Config step; Apply
          change runs the mandatory test.
        </Notice>
      )}
      {live.error && <ErrorNotice error={live.error} onRetry={live.refetch} />}
      {!integration && !live.error && <p className="muted">Loading…</p>}
      {integration && (
        <>
          <ProviderHealthCard target={t.target} provider={provider} />
          <div className="two-col">
            <ConfigCard provider={provider} integration={integration} />
            <TestCard key={`${key}/${provider}`} target={t.target} provider={provider} />
          </div>
          <TargetRollback
            target={t.target}
            subject={provider}
            live={integration}
            requested={rollbackRequested}
            onDone={refresh}
          />
          <MappingTable
            mapping={integration.eventMapping}
            defaults={defaults.data?.data}
            entries={logs.data?.data.entries ?? []}
          />
          <RulesCard filters={integration.eventFilters} reverse={integration.reverseEventMapping} />
          <Suspense
            fallback={
              <p className="muted" role="status">
                Loading the live log…
              </p>
            }
          >
            <LogPanel
              connectionId={t.target.connectionId}
              siteId={t.target.siteId}
              stream={{ kind: 'provider', provider }}
              compact
            />
          </Suspense>
        </>
      )}
    </>
  );
}
