import { memo } from 'react';
import type { FleetRow } from '../../../shared/bridge/calls/fleet';
import { ago } from '../../ui/format';
import { DriftCell, HealthCell, ProviderCell, WebhooksCell } from './cells';
import { PROVIDER_NAMES, targetName } from '../../../shared/domain/names';
import type { OpenSite } from './open-site';

export const FLEET_COLUMNS = [
  'Select',
  'Site',
  'Status',
  PROVIDER_NAMES.ga4,
  PROVIDER_NAMES.meta,
  PROVIDER_NAMES.gads,
  'Webhooks',
  'Drift',
  'Change open',
  'Checklist',
  'Last change',
] as const;

interface Props {
  row: FleetRow;
  index: number;
  active: boolean;
  selected: boolean;
  now: number;
  /** Offset from the top of the grid's body (px) and the row's height. */
  top: number;
  height: number;
  onSelect(key: string, on: boolean): void;
  onActivate(index: number): void;
  openSite: OpenSite;
}

/** One site of the fleet; every cell that points somewhere opens that page of this site. */
export const FleetRowView = memo(function FleetRowView({
  row,
  index,
  active,
  selected,
  now,
  top,
  height,
  onSelect,
  onActivate,
  openSite,
}: Props) {
  const open = (path: string) => () => openSite(row.key, path);
  const p = row.health?.providers ?? {};
  const c = row.compliance;
  return (
    <div
      role="row"
      id={`fleet-row-${row.key}`}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-key={row.key}
      className={`fleet-row${active ? ' fleet-row-active' : ''}${row.health?.stale ? ' fleet-row-stale' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onMouseDown={() => onActivate(index)}
    >
      <div role="gridcell">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select ${row.label}`}
          checked={selected}
          onChange={(e) => onSelect(row.key, e.target.checked)}
        />
      </div>
      <div role="gridcell" className="fleet-site">
        <a href="#/overview" tabIndex={-1} onClick={open('overview')}>
          {row.label}
        </a>
        <span className="fleet-age">{row.connectionName}</span>
      </div>
      <div role="gridcell">
        <HealthCell row={row} now={now} />
      </div>
      {(['ga4', 'meta', 'gads'] as const).map((k) => (
        <div role="gridcell" key={k}>
          <ProviderCell status={p[k]} label={PROVIDER_NAMES[k]} onOpen={open(`providers/${k}`)} />
        </div>
      ))}
      <div role="gridcell">
        <WebhooksCell row={row} onOpen={open('webhooks')} />
      </div>
      <div role="gridcell">
        <DriftCell row={row} now={now} />
      </div>
      <div role="gridcell">
        {row.openChange ? (
          <a
            href={`#/changes/${row.openChange.id}`}
            className="fleet-stack-link"
            tabIndex={-1}
            onClick={open(`changes/${row.openChange.id}`)}
          >
            {targetName(row.openChange.target)} at {row.openChange.step}
            <span className="fleet-age">by {row.openChange.operator || 'someone'}</span>
          </a>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
      <div role="gridcell">
        {c ? (
          <a
            href="#/checklist"
            tabIndex={-1}
            title={c.missing.join('\n') || 'Every item met'}
            className={c.met < c.total ? 'tag-warn' : ''}
            onClick={open('checklist')}
          >
            {c.met}/{c.total} met
          </a>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
      <div role="gridcell">
        {row.lastChange ? (
          <a
            href={`#/changes/${row.lastChange.id}`}
            className="fleet-stack-link"
            tabIndex={-1}
            onClick={open(`changes/${row.lastChange.id}`)}
          >
            {targetName(row.lastChange.target)}{' '}
            {row.lastChange.outcome?.replace('_', ' ') ?? 'open'}
            <span className="fleet-age">{ago(row.lastChange.at, now)}</span>
          </a>
        ) : (
          <span className="muted">none</span>
        )}
      </div>
    </div>
  );
});
