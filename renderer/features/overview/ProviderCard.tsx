import { LOGS_MAX_LIMIT, type ProviderHealth } from '../../../shared/contract';
import { targetName } from '../../../shared/domain/names';
import type { Target } from '../../app/target';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { ago } from '../../ui/format';
import { useAutoRefreshMs } from '../../ui/use-settings';
import { displayStatus, StatusBadge } from '../../ui/StatusBadge';
import { DriftBadge } from '../snapshots/DriftBadge';
import { filteredShares } from './filtered-share';
import { ShareList } from './ShareList';
import { WindowBars } from './WindowBars';

export function ProviderCard({
  target,
  health,
  now,
}: {
  target: Target;
  health: ProviderHealth;
  now: number;
}) {
  // The full page (the same query as the provider page's): the filtered share per event.
  const logs = useBridgeQuery(
    'integrations.logs',
    { ...target, provider: health.provider, limit: LOGS_MAX_LIMIT, offset: 0 },
    { refetchInterval: useAutoRefreshMs() },
  );
  const shares = logs.data ? filteredShares(logs.data.data.entries) : undefined;
  const label = targetName(health.provider);
  const failedChecks = health.checks.filter((c) => c.status !== 'pass');
  return (
    <article
      className="card overview-card"
      aria-labelledby={`ov-${health.provider}`}
      data-testid={`provider-${health.provider}`}
    >
      <header className="row">
        <h2 id={`ov-${health.provider}`}>
          <a href={`#/providers/${health.provider}`}>{label}</a>
        </h2>
        <span className="spacer" />
        <StatusBadge status={displayStatus(health)} />
      </header>
      {/* Health says nothing about drift: a green provider can still differ from its known-good snapshot. */}
      <div className="drift-line small">
        <DriftBadge
          connectionId={target.connectionId}
          siteId={target.siteId}
          target={health.provider}
        />
      </div>
      <dl className="kv small">
        <dt>State</dt>
        <dd>
          {health.enabled ? 'enabled' : 'disabled'}
          {health.testMode ? ' · test mode (nothing is sent)' : ''}
        </dd>
        <dt>Last success</dt>
        <dd>{ago(health.lastSuccessAt, now)}</dd>
        <dt>Last error</dt>
        <dd>{ago(health.lastErrorAt, now)}</dd>
      </dl>
      <WindowBars window={health.window} label={label} />
      {failedChecks.length > 0 && (
        <ul className="checks small">
          {failedChecks.map((c) => (
            <li key={c.name} className={`check-${c.status}`}>
              {c.name}: {c.message}
            </li>
          ))}
        </ul>
      )}
      <ShareList shares={shares} provider={health.provider} />
    </article>
  );
}
