import { useCallback, useEffect } from 'react';
import { useRefresh } from '../../app/refresh-store';
import { targetKey, useTarget } from '../../app/target';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ago, clock } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { displayStatus, StatusBadge } from '../../ui/StatusBadge';
import { useAutoRefresh } from '../../ui/use-auto-refresh';
import { useNow } from '../../ui/use-now';
import { useRefreshInterval } from '../../ui/use-settings';
import { useOverview } from './overview-store';
import { ProviderCard } from './ProviderCard';
import { WebhookRows } from './WebhookRows';

export default function OverviewScreen() {
  const t = useTarget();
  const key = targetKey(t?.target);
  const { health, shares, error, loading, refreshedAt, refresh } = useOverview();
  const tick = useRefresh((s) => s.tick);
  const interval = useRefreshInterval();
  const now = useNow(5000);

  const reload = useCallback(() => {
    if (t) void refresh(t.target, key);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, refresh]);
  useEffect(reload, [reload, tick]);
  useAutoRefresh(reload, interval);

  if (!t)
    return (
      <Notice tone="info" title="No site selected">
        Add a site under Connections to see its integrations.
      </Notice>
    );
  const data = health?.data;
  return (
    <section className="screen" aria-labelledby="overview-title">
      <header className="screen-head">
        <div className="row">
          <h1 id="overview-title">Overview · {t.label}</h1>
          {data && <StatusBadge status={displayStatus(data)} />}
        </div>
        <div className="row">
          <Busy busy={loading} label="Refreshing…" />
          <span className="muted small" data-testid="refreshed-at">
            {refreshedAt
              ? `Refreshed ${clock(refreshedAt)} (${ago(refreshedAt, now)}) · every ${interval} s`
              : 'Not refreshed yet'}
            {health?.stale ? ' · cached' : ''}
          </span>
          <button type="button" onClick={reload} aria-keyshortcuts="r">
            Refresh
          </button>
        </div>
      </header>
      {error && <ErrorNotice error={error} onRetry={reload} />}
      {!data && !error && <p className="muted">Loading health…</p>}
      {data && (
        <>
          <div className="grid" role="list" aria-label="Providers">
            {data.integrations.map((i) => (
              <div role="listitem" key={i.provider}>
                <ProviderCard target={t.target} health={i} shares={shares[i.provider]} now={now} />
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
