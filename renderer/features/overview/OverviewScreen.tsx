import { useTarget } from '../../app/target';
import { useRefresh } from '../../app/refresh-store';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ago, clock } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { displayStatus, StatusBadge } from '../../ui/StatusBadge';
import { Time } from '../../ui/Time';
import { useNow } from '../../ui/use-now';
import { useAutoRefreshMs, useRefreshInterval } from '../../ui/use-settings';
import { ProviderCard } from './ProviderCard';
import { WebhookRows } from './WebhookRows';

export default function OverviewScreen() {
  const t = useTarget();
  const interval = useRefreshInterval();
  const refetchInterval = useAutoRefreshMs();
  const health = useBridgeQuery('health.get', t?.target, { refetchInterval });
  const refresh = useRefresh((s) => s.bump);
  const now = useNow(5000);

  if (!t)
    return (
      <Notice tone="info" title="No site selected">
        Add a site under Connections to see its integrations.
      </Notice>
    );
  const data = health.data?.data;
  const refreshedAt = health.data?.fetchedAt;
  return (
    <section className="screen" aria-labelledby="overview-title">
      <header className="screen-head">
        <div className="row">
          <h1 id="overview-title">Overview · {t.label}</h1>
          {data && <StatusBadge status={displayStatus(data)} />}
        </div>
        <div className="row">
          <Busy busy={health.fetching} label="Refreshing…" />
          <span className="muted small" data-testid="refreshed-at">
            {refreshedAt ? (
              <>
                Refreshed <Time at={refreshedAt} now={now} /> ({ago(refreshedAt, now)}) · every{' '}
                {interval} s
              </>
            ) : (
              'Not refreshed yet'
            )}
            {health.data?.stale ? ' · cached' : ''}
          </span>
          <button type="button" onClick={refresh} aria-keyshortcuts="r">
            Refresh
          </button>
        </div>
      </header>
      {health.error && <ErrorNotice error={health.error} onRetry={health.refetch} />}
      {!data && !health.error && <p className="muted">Loading health…</p>}
      {data && (
        <>
          <div className="grid" role="list" aria-label="Providers">
            {data.integrations.map((i) => (
              <div role="listitem" key={i.provider}>
                <ProviderCard target={t.target} health={i} now={now} />
              </div>
            ))}
          </div>
          <article className="card" aria-labelledby="ov-webhooks">
            <h2 id="ov-webhooks">Webhooks</h2>
            <WebhookRows webhooks={data.webhooks} now={now} />
          </article>
          <p className="muted small">
            Health checked {clock(data.checkedAt)}. Health does not go red when filters drop events:
            read the filtered share.
          </p>
        </>
      )}
    </section>
  );
}
