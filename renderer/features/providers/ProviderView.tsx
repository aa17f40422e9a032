import { useEffect } from 'react';
import { PROVIDER_LABELS, type ProviderKey } from '../../../shared/contract';
import { useRefresh } from '../../app/refresh-store';
import { targetKey, useTarget } from '../../app/target';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LogTable } from '../../ui/LogTable';
import { Notice } from '../../ui/Notice';
import { ConfigCard } from './ConfigCard';
import { MappingTable } from './MappingTable';
import { providerKey, useProviders } from './provider-store';
import { RulesCard } from './RulesCard';
import { TestCard } from './TestCard';

const PREVIEW_ROWS = 20;

export function ProviderView({ provider }: { provider: ProviderKey }) {
  const t = useTarget();
  const key = targetKey(t?.target);
  const tick = useRefresh((s) => s.tick);
  const load = useProviders((s) => s.load);
  const data = useProviders((s) => (t ? s.byKey[providerKey(t.target, provider)] : undefined));

  useEffect(() => {
    if (t) void load(t.target, provider);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, provider, tick, load]);

  if (!t) return <Notice tone="info" title="No site selected">Select a site first.</Notice>;
  const integration = data?.integration?.data;
  return (
    <>
      <header className="screen-head">
        <h2 className="h1-like">{PROVIDER_LABELS[provider]} · {t.label}</h2>
        <div className="row">
          <Busy busy={!!data?.loading} label="Loading…" />
          <button type="button" onClick={() => void load(t.target, provider)}>
            Refresh
          </button>
          <a className="button primary" href={`#/providers/${provider}/edit`}>
            Edit config
          </a>
        </div>
      </header>
      {data?.error && <ErrorNotice error={data.error} onRetry={() => void load(t.target, provider)} />}
      {!integration && !data?.error && <p className="muted">Loading…</p>}
      {integration && (
        <>
          <div className="two-col">
            <ConfigCard provider={provider} integration={integration} />
            <TestCard target={t.target} provider={provider} />
          </div>
          <MappingTable mapping={integration.eventMapping} defaults={data?.defaults} entries={data?.logs?.entries ?? []} />
          <RulesCard filters={integration.eventFilters} reverse={integration.reverseEventMapping} />
          <article className="card" aria-labelledby="logs-title">
            <h2 id="logs-title">Recent logs</h2>
            <LogTable entries={(data?.logs?.entries ?? []).slice(0, PREVIEW_ROWS)} caption={`Last ${PREVIEW_ROWS} log entries`} />
          </article>
        </>
      )}
    </>
  );
}
