import type { WebhookHealth } from '../../../shared/contract';
import { ago } from '../../ui/format';
import { displayStatus, StatusBadge } from '../../ui/StatusBadge';

export function WebhookRows({ webhooks, now }: { webhooks: WebhookHealth[]; now: number }) {
  if (webhooks.length === 0) return <p className="muted">No webhooks on this site.</p>;
  return (
    <table className="table" aria-label="Webhook health">
      <thead>
        <tr>
          <th scope="col">Webhook</th>
          <th scope="col">Status</th>
          <th scope="col">Last success</th>
          <th scope="col">Sent</th>
          <th scope="col">Failed</th>
          <th scope="col">Retried</th>
          <th scope="col">Window</th>
        </tr>
      </thead>
      <tbody>
        {webhooks.map((w) => (
          <tr key={w.id} data-testid={`webhook-${w.id}`}>
            <td>
              <a href={`#/webhooks/${w.id}`}>{w.name}</a>
            </td>
            <td>
              <StatusBadge status={displayStatus({ status: w.status, enabled: w.active })} />
            </td>
            <td>{ago(w.lastSuccessAt, now)}</td>
            <td data-count="sent">{w.window?.sent ?? '—'}</td>
            <td>{w.window?.failed ?? '—'}</td>
            <td>{w.window?.retried ?? '—'}</td>
            <td className="muted">{w.window ? `${w.window.minutes} min` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
