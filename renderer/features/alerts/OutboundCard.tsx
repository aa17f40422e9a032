import { useState, type FormEvent } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import type { AlertDelivery } from '../../../shared/domain/alerts/schema';
import { call } from '../../bridge';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';

/**
 * The optional outbound alert of a connection: a Slack- or Teams-compatible incoming webhook that
 * receives each alert once. The address is a credential: main keeps it, the screen shows its host.
 */
export function OutboundCard({ connectionId }: { connectionId: string }) {
  const info = useBridgeQuery('alerts.outbound', { connectionId });
  const [url, setUrl] = useState('');
  const [error, setError] = useState<BridgeError>();
  const [tested, setTested] = useState<AlertDelivery>();
  async function save(e: FormEvent) {
    e.preventDefault();
    const r = await call('alerts.setOutbound', { connectionId, url: url.trim() || null });
    setError(r.ok ? undefined : r.error);
    if (r.ok) setUrl('');
    info.refetch();
  }
  async function test() {
    const r = await call('alerts.testOutbound', { connectionId });
    setError(r.ok ? undefined : r.error);
    setTested(r.ok ? r.value : undefined);
  }
  const configured = info.data?.configured;
  return (
    <section className="card" aria-labelledby="outbound-title">
      <h2 id="outbound-title">Alert webhook (chat or pager)</h2>
      <p className="small muted" data-testid="outbound-state">
        {configured
          ? `Each new alert is posted once to ${info.data?.host ?? 'the webhook'}.`
          : 'Not set: alerts show here, in the title and as desktop notifications only.'}
      </p>
      <form className="row" onSubmit={(e) => void save(e)}>
        <Field
          label="Incoming webhook address (Slack or Teams)"
          type="url"
          value={url}
          maxLength={2048}
          placeholder="https://hooks.slack.com/services/…"
          onChange={(e) => setUrl(e.target.value)}
        />
        <button type="submit" disabled={!url.trim()}>
          Save webhook
        </button>
        {configured && (
          <>
            <button type="button" onClick={() => void test()}>
              Send a test alert
            </button>
            <button
              type="button"
              onClick={() =>
                void call('alerts.setOutbound', { connectionId, url: null }).then(() =>
                  info.refetch(),
                )
              }
            >
              Remove webhook
            </button>
          </>
        )}
      </form>
      {tested && (
        <p className={tested.ok ? 'small' : 'small step-fail'} role="status">
          {tested.ok
            ? `Test alert delivered (HTTP ${tested.status ?? 200}).`
            : `Test alert failed: ${tested.error ?? `HTTP ${tested.status ?? '?'}`}`}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
    </section>
  );
}
