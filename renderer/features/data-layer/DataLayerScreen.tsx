import { useRefresh } from '../../app/refresh-store';
import { useTarget } from '../../app/target';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { StartChangeButton } from '../changes/StartChangeButton';
import { TargetRollback } from '../providers/ProviderRollback';
import { DriftBadge } from '../snapshots/DriftBadge';
import { DataLayerValues } from './DataLayerValues';

/**
 * The site's data-layer settings beside their documented defaults. Editing is a change (Start
 * change, target data-layer): baseline, draft, apply, test, health, monitor; never a direct PUT.
 */
export default function DataLayerScreen() {
  const t = useTarget();
  const query = useBridgeQuery('dataLayer.get', t?.target);
  const refresh = useRefresh((s) => s.bump);
  const live = query.data?.data;
  const stale = !!query.data?.stale;
  const error = query.error;

  if (!t)
    return (
      <Notice tone="info" title="No site selected">
        Select a site first.
      </Notice>
    );
  return (
    <section className="screen" aria-labelledby="dl-title">
      <header className="screen-head">
        <div className="row">
          <h1 id="dl-title">Data layer · {t.label}</h1>
          <DriftBadge
            connectionId={t.target.connectionId}
            siteId={t.target.siteId}
            target="data-layer"
          />
        </div>
        <StartChangeButton
          connectionId={t.target.connectionId}
          siteId={t.target.siteId}
          target="data-layer"
        />
      </header>
      {error && <ErrorNotice error={error} onRetry={query.refetch} />}
      {stale && (
        <Notice tone="warning" title="Offline copy">
          These settings come from the offline cache.
        </Notice>
      )}
      {!live && !error && <Busy busy label="Loading the data layer…" />}
      {live && <DataLayerValues live={live} />}
      {live && (
        <TargetRollback target={t.target} subject="data-layer" live={live} onDone={refresh} />
      )}
    </section>
  );
}
