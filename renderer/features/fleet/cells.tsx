import type { FleetRow } from '../../../shared/bridge/calls/fleet';
import type { HealthStatus } from '../../../shared/contract';
import { StatusBadge } from '../../ui/StatusBadge';
import { ago } from '../../ui/format';

/** How old a cell's data is; "cached" when it is the offline copy (the API was unreachable). */
export function Age({ at, stale, now }: { at: string; stale: boolean; now: number }) {
  return (
    <span className={stale ? 'fleet-age fleet-stale' : 'fleet-age'}>
      {ago(at, now)}
      {stale ? ' · cached' : ''}
    </span>
  );
}

export function HealthCell({ row, now }: { row: FleetRow; now: number }) {
  const h = row.health;
  if (!h) return <span className="muted">not read yet</span>;
  return (
    <span className="fleet-cell-stack">
      {h.status === 'error' ? (
        <span className="badge badge-failing" title={h.error}>
          error
        </span>
      ) : (
        <StatusBadge status={h.status} />
      )}
      <Age at={h.at} stale={h.stale} now={now} />
    </span>
  );
}

/** A provider's badge; a link to that provider's page of the site. */
export function ProviderCell({
  status,
  label,
  onOpen,
}: {
  status: HealthStatus | undefined;
  label: string;
  onOpen(): void;
}) {
  if (!status) return <span className="muted">—</span>;
  return (
    <a href="#/providers" tabIndex={-1} aria-label={`${label}: ${status}`} onClick={onOpen}>
      <StatusBadge status={status} />
    </a>
  );
}

/** Webhooks: the worst status and how many; each one's name and status in the tooltip. */
export function WebhooksCell({ row, onOpen }: { row: FleetRow; onOpen(): void }) {
  const hooks = row.health?.webhooks ?? [];
  if (!hooks.length) return <span className="muted">none</span>;
  const order: HealthStatus[] = ['failing', 'degraded', 'unknown', 'healthy', 'disabled'];
  const worst = order.find((s) => hooks.some((w) => w.status === s)) ?? 'unknown';
  const title = hooks.map((w) => `${w.name}: ${w.status}`).join('\n');
  return (
    <a
      href="#/webhooks"
      tabIndex={-1}
      title={title}
      aria-label={`${worst} ×${hooks.length} webhooks: ${title.replace(/\n/g, ', ')}`}
      onClick={onOpen}
    >
      <StatusBadge status={worst} /> <span className="small">×{hooks.length}</span>
    </a>
  );
}

export function DriftCell({ row, now }: { row: FleetRow; now: number }) {
  const d = row.drift;
  if (!d) return <span className="muted">—</span>;
  const text =
    d.state === 'drifted'
      ? `drifted: ${d.targets.join(', ')}`
      : d.state === 'none'
        ? 'as known-good'
        : 'no known-good';
  return (
    <span className="fleet-cell-stack">
      <span className={d.state === 'drifted' ? 'tag-warn' : d.state === 'none' ? '' : 'muted'}>
        {text}
      </span>
      {d.state !== 'no_known_good' && <Age at={d.at} stale={d.stale} now={now} />}
    </span>
  );
}
