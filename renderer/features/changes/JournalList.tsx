import { useState } from 'react';
import type { ChangeSummary } from '../../../shared/bridge/calls/changes';
import { PROVIDER_KEYS } from '../../../shared/contract';
import { plural, targetName } from '../../../shared/domain/names';
import { useBridgeQuery } from '../../data/use-bridge-query';
import { useWebhookList } from '../webhooks/use-webhooks';
import type { Target } from '../../app/target';
import { Time } from '../../ui/Time';
import { ExportButtons } from './ExportButtons';
import StartChangeButton from './StartChangeButton';

const DAY = 24 * 3600_000;

/** A `datetime-local` value is local time: "2026-12-01T10:37" in the operator's zone, not UTC. */
function localInput(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The journal of a site: every change, filterable, and an incident timeline export of a time range. */
export function JournalList({
  target,
  preselect,
}: {
  target: Target;
  preselect?: string | undefined;
}) {
  const { connectionId, siteId } = target;
  const journal = useBridgeQuery('changes.list', { connectionId, siteId });
  const rows: ChangeSummary[] = journal.data ?? [];
  const { list: hooks, names } = useWebhookList(target);
  const [filter, setFilter] = useState({ target: '', status: '', outcome: '' });
  const [startTarget, setStartTarget] = useState(preselect ?? 'ga4');
  const [range, setRange] = useState(() => ({
    from: localInput(Date.now() - DAY),
    to: localInput(Date.now() + 3600_000),
  }));
  const shown = rows.filter(
    (r) =>
      (!filter.target || r.target === filter.target) &&
      (!filter.status || (filter.status === 'open') === r.open) &&
      (!filter.outcome || r.outcome === filter.outcome),
  );
  const iso = (local: string) => new Date(local).toISOString();
  return (
    <>
      <section className="card" aria-labelledby="start-title">
        <h2 id="start-title">New change</h2>
        <div className="row">
          <label htmlFor="start-target">Target</label>
          <select
            id="start-target"
            value={startTarget}
            onChange={(e) => setStartTarget(e.target.value)}
          >
            {PROVIDER_KEYS.map((p) => (
              <option key={p} value={p}>
                {targetName(p)}
              </option>
            ))}
            {hooks.map((h) => (
              <option key={h.id} value={`webhook:${h.id}`}>
                {targetName(`webhook:${h.id}`, names)}
              </option>
            ))}
            <option value="data-layer">{targetName('data-layer')}</option>
          </select>
          <StartChangeButton
            connectionId={target.connectionId}
            siteId={target.siteId}
            target={startTarget}
          />
        </div>
      </section>
      <section className="card" aria-labelledby="journal-title">
        <h2 id="journal-title">Change journal</h2>
        <div className="row" role="group" aria-label="Filters">
          <label>
            Target{' '}
            <select
              value={filter.target}
              onChange={(e) => setFilter({ ...filter, target: e.target.value })}
            >
              <option value="">all</option>
              {[...new Set(rows.map((r) => r.target))].map((t) => (
                <option key={t} value={t}>
                  {targetName(t, names)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Status{' '}
            <select
              value={filter.status}
              onChange={(e) => setFilter({ ...filter, status: e.target.value })}
            >
              <option value="">all</option>
              <option>open</option>
              <option>closed</option>
            </select>
          </label>
          <label>
            Outcome{' '}
            <select
              value={filter.outcome}
              onChange={(e) => setFilter({ ...filter, outcome: e.target.value })}
            >
              <option value="">all</option>
              <option value="known_good">known good</option>
              <option value="rolled_back">rolled back</option>
              <option value="abandoned">abandoned</option>
            </select>
          </label>
        </div>
        <table className="table" data-testid="journal">
          <caption className="visually-hidden">Changes of this site</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Change</th>
              <th scope="col">Target</th>
              <th scope="col">Operator</th>
              <th scope="col">Status</th>
              <th scope="col">Flags</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id}>
                <td>
                  <Time at={r.startedAt} />
                </td>
                <td>
                  <a href={`#/changes/${r.id}`}>
                    {r.title ?? `Change on ${targetName(r.target, names)}`}
                  </a>{' '}
                  <span className="muted small mono">{r.id}</span>
                </td>
                <td>{targetName(r.target, names)}</td>
                <td>{r.operator || '—'}</td>
                <td>
                  {r.damaged
                    ? r.open
                      ? 'damaged journal · holds the lock'
                      : 'damaged journal · abandoned'
                    : r.status}
                </td>
                <td>
                  {r.anomalies ? `${plural(r.anomalies, 'anomaly', 'anomalies')} ` : ''}
                  {r.rollbacks ? plural(r.rollbacks, 'rollback') : ''}
                  {r.failedRollbacks ? ` (${r.failedRollbacks} failed)` : ''}
                </td>
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  No changes recorded.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="incident-title">
        <h2 id="incident-title">Incident timeline</h2>
        <div className="row">
          <label>
            From{' '}
            <input
              type="datetime-local"
              value={range.from}
              onChange={(e) => setRange({ ...range, from: e.target.value })}
            />
          </label>
          <label>
            To{' '}
            <input
              type="datetime-local"
              value={range.to}
              onChange={(e) => setRange({ ...range, to: e.target.value })}
            />
          </label>
          <ExportButtons
            scope={{ range: { ...target, from: iso(range.from), to: iso(range.to) } }}
            label="Export the time range"
          />
        </div>
      </section>
    </>
  );
}
