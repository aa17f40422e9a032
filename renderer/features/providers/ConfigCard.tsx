import { Time } from '../../ui/Time';
import {
  PROVIDER_SECRET_FIELDS,
  isMasked,
  type IntegrationResource,
  type ProviderKey,
} from '../../../shared/contract';
import { shortValue } from '../../ui/format';

/** The provider config as stored; secret fields only ever show their mask. */
export function ConfigCard({
  provider,
  integration,
}: {
  provider: ProviderKey;
  integration: IntegrationResource;
}) {
  const secrets = PROVIDER_SECRET_FIELDS[provider];
  return (
    <article className="card" aria-labelledby="cfg-title">
      <h2 id="cfg-title">Config</h2>
      <dl className="kv">
        <dt>Enabled</dt>
        <dd>{integration.enabled ? 'yes' : 'no: nothing is forwarded'}</dd>
        <dt>Test mode</dt>
        <dd>{integration.testMode ? 'on: events are logged, not sent' : 'off'}</dd>
        {Object.entries(integration.config).map(([k, v]) => (
          <div key={k} className="contents">
            <dt>{k}</dt>
            <dd>
              <code>{secrets.includes(k) && !isMasked(v) ? '•••• (hidden)' : shortValue(v)}</code>
              {secrets.includes(k) && <span className="muted small"> secret, write-only</span>}
            </dd>
          </div>
        ))}
        <dt>Updated</dt>
        <dd>
          <Time at={integration.updatedAt} />
        </dd>
      </dl>
    </article>
  );
}
