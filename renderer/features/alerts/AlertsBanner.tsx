import { useRouter } from '../../app/router-store';
import { useAlerts } from './use-alerts';

/**
 * On every screen: open alerts of the connection, with the newest one named, and a way to them.
 * The operator does not have to be on the Overview to learn that a provider fails.
 */
export function AlertsBanner() {
  const { data } = useAlerts();
  const onAlerts = useRouter((s) => s.segments[0] === 'alerts');
  const open = data?.alerts.filter((a) => a.state === 'open') ?? [];
  if (!open.length || onAlerts) return null;
  return (
    <div className="frame-banner banner-alerts" role="status" data-testid="alerts-banner">
      <strong>{open.length === 1 ? '1 open alert' : `${open.length} open alerts`}:</strong>{' '}
      {open[0]!.title}
      {open.length > 1 ? ` and ${open.length - 1} more` : ''}. <a href="#/alerts">Open Alerts</a>
    </div>
  );
}
