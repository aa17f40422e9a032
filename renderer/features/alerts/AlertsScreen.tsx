import { useState } from 'react';
import type { BridgeError } from '../../../shared/bridge';
import { targetName } from '../../../shared/domain/names';
import { ALERT_KIND_LABELS, type Alert } from '../../../shared/domain/alerts/schema';
import { call } from '../../bridge';
import { useRouter } from '../../app/router-store';
import { useAsk } from '../../ui/AskDialog';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { Time } from '../../ui/Time';
import { OutboundCard } from './OutboundCard';
import { useAlerts } from './use-alerts';

const STATE_WORDS: Record<Alert['state'], string> = {
  open: 'open',
  acknowledged: 'acknowledged',
  resolved: 'resolved',
};

/**
 * What the watch raised on every site of the connection, newest first: acknowledge (someone is on
 * it; the title count drops) and resolve, each with an optional note, journaled for the timeline.
 */
export default function AlertsScreen() {
  const { connectionId, data, error, refetch } = useAlerts();
  const focus = useRouter((s) => s.segments[1]);
  const [failure, setFailure] = useState<BridgeError>();
  const { ask, dialog } = useAsk();
  if (!connectionId)
    return (
      <Notice tone="info" title="No site selected">
        Select a site first: the watch covers every site of its connection.
      </Notice>
    );

  async function settle(a: Alert, to: 'acknowledge' | 'resolve') {
    const verb = to === 'acknowledge' ? 'Acknowledge' : 'Resolve';
    const answer = await ask({
      title: `${verb} “${a.title}”?`,
      message: <p>The note is kept with the alert and in the incident timeline.</p>,
      confirmLabel: verb,
      field: { label: 'Note', maxLength: 500, optional: true },
    });
    if (!answer.confirmed) return;
    const r = await call(`alerts.${to}`, {
      connectionId: connectionId!,
      alertId: a.id,
      ...(answer.value ? { note: answer.value } : {}),
    });
    setFailure(r.ok ? undefined : r.error);
    refetch();
  }

  const w = data?.watch;
  return (
    <section className="screen" aria-labelledby="alerts-title">
      <header className="screen-head">
        <h1 id="alerts-title">Alerts</h1>
        <p className="small muted" data-testid="watch-status">
          {w?.watching
            ? `Watching ${w.sites === 1 ? '1 site' : `${w.sites} sites`} every ${w.everySec} s`
            : 'Not watching yet'}
          {w?.lastRoundAt ? (
            <>
              ; last look <Time at={w.lastRoundAt} />
            </>
          ) : null}
          . Health, drift from known-good, silence and filtered events, outside any change.
        </p>
      </header>
      {error && <ErrorNotice error={error} onRetry={refetch} />}
      {failure && <ErrorNotice error={failure} />}
      {w?.errors.map((e) => (
        <Notice key={e.siteId} tone="warning" title={`${e.label} could not be watched`}>
          {e.message}
        </Notice>
      ))}
      {data && data.alerts.length === 0 && (
        <Notice tone="success" title="No alerts">
          Nothing raised on this connection.
        </Notice>
      )}
      {data && data.alerts.length > 0 && (
        <table className="table alerts-table" data-testid="alerts-table">
          <caption className="visually-hidden">Alerts, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Raised</th>
              <th scope="col">Alert</th>
              <th scope="col">Kind</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {data.alerts.map((a) => (
              <tr
                key={a.id}
                className={a.id === focus ? 'row-focus' : undefined}
                data-state={a.state}
              >
                <td className="tight">
                  <Time at={a.raisedAt} />
                </td>
                <td>
                  <strong>{a.title}</strong>
                  <div className="small">{a.detail}</div>
                  <div className="small muted">
                    {a.siteLabel} · {targetName(a.target)}
                    {a.clearedAt ? (
                      <>
                        {' '}
                        · no longer seen since <Time at={a.clearedAt} />
                      </>
                    ) : null}
                    {a.delivery
                      ? a.delivery.ok
                        ? ' · posted to the alert webhook'
                        : ` · alert webhook failed: ${a.delivery.error ?? `HTTP ${a.delivery.status ?? '?'}`}`
                      : ''}
                    {a.note ? ` · note: ${a.note}` : ''}
                  </div>
                </td>
                <td className="tight">{ALERT_KIND_LABELS[a.kind]}</td>
                <td className="tight">
                  {STATE_WORDS[a.state]}
                  {a.acknowledgedBy && a.state !== 'open' ? (
                    <div className="small muted">by {a.resolvedBy ?? a.acknowledgedBy}</div>
                  ) : null}
                </td>
                <td className="tight">
                  <div className="row">
                    {a.state === 'open' && (
                      <button
                        type="button"
                        aria-label={`Acknowledge ${a.title}`}
                        onClick={() => void settle(a, 'acknowledge')}
                      >
                        Acknowledge
                      </button>
                    )}
                    {a.state !== 'resolved' && (
                      <button
                        type="button"
                        aria-label={`Resolve ${a.title}`}
                        onClick={() => void settle(a, 'resolve')}
                      >
                        Resolve
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <OutboundCard connectionId={connectionId} />
      {dialog}
    </section>
  );
}
