import type { ProviderKey } from '../../../shared/contract';
import type { Target } from '../../app/target';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { useAutoRefreshMs } from '../../ui/use-settings';
import { displayStatus, StatusBadge } from '../../ui/StatusBadge';
import { Time } from '../../ui/Time';

/**
 * The provider's health beside its drift: a green "Matches known-good" says nothing about OAuth 190.
 * The same `health.get` query as the Overview, so a rollback (which invalidates the site's reads)
 * refreshes this badge and the drift badge at once.
 */
export function ProviderHealthCard({
  target,
  provider,
}: {
  target: Target;
  provider: ProviderKey;
}) {
  const refetchInterval = useAutoRefreshMs();
  const health = useBridgeQuery('health.get', target, { refetchInterval });
  const h = health.data?.data.integrations.find((i) => i.provider === provider);
  if (!h) return null;
  const problems = h.checks.filter((c) => c.status === 'fail' || c.status === 'warn');
  return (
    <section className="card" aria-labelledby="provider-health-title" data-testid="provider-health">
      <h3 id="provider-health-title">
        Health <StatusBadge status={displayStatus(h)} />
      </h3>
      {problems.length > 0 ? (
        <ul className="impact-flags" aria-label="Failing checks">
          {problems.map((c) => (
            <li key={c.name} className={c.status === 'fail' ? 'flag-bad' : undefined}>
              {c.name}: {c.message}
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">Every check passes.</p>
      )}
      <p className="small muted">
        Last error {h.lastErrorAt ? <Time at={h.lastErrorAt} /> : 'never'} · last success{' '}
        {h.lastSuccessAt ? <Time at={h.lastSuccessAt} /> : 'never'}
      </p>
    </section>
  );
}
