import { useEffect } from 'react';
import type { Webhook } from '../../../shared/contract';
import { useRefresh } from '../../app/refresh-store';
import type { Target } from '../../app/target';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LogTable } from '../../ui/LogTable';
import { TestResultView } from '../../ui/TestResultView';
import { useWebhooks } from './webhooks-store';

/** The selected webhook's last test and latest deliveries. */
export function Deliveries({ target, hook }: { target: Target; hook: Webhook }) {
  const entries = useWebhooks((s) => s.deliveries[hook.id]);
  const test = useWebhooks((s) => s.tests[hook.id]);
  const testing = useWebhooks((s) => s.busy === `test:${hook.id}`);
  const loadDeliveries = useWebhooks((s) => s.loadDeliveries);
  const tick = useRefresh((s) => s.tick);

  useEffect(() => {
    void loadDeliveries(target, hook.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hook.id, target.connectionId, target.siteId, tick, loadDeliveries]);

  return (
    <article className="card" aria-labelledby="deliveries-title">
      <header className="row">
        <h2 id="deliveries-title">{hook.name}: test and latest deliveries</h2>
        <span className="spacer" />
        <Busy busy={testing} label="Testing…" />
        <button type="button" onClick={() => void loadDeliveries(target, hook.id)}>Refresh deliveries</button>
      </header>
      {test?.error && <ErrorNotice error={test.error} />}
      {test?.result && <TestResultView result={test.result} />}
      {entries ? <LogTable entries={entries} caption={`Latest deliveries of ${hook.name}`} /> : <p className="muted">Loading deliveries…</p>}
    </article>
  );
}
