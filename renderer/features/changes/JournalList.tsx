import { useEffect, useState } from 'react';
import type { ChangeSummary } from '../../../shared/bridge/calls/changes';
import { PROVIDER_KEYS } from '../../../shared/contract';
import { STEP_TITLES } from '../../../shared/domain/workflow';
import { call, on } from '../../bridge';
import type { Target } from '../../app/target';
import { clock } from '../../ui/format';
import { ExportButtons } from './ExportButtons';
import StartChangeButton from './StartChangeButton';

const DAY = 24 * 3600_000;

/** The journal of a site: every change, filterable, and an incident timeline export of a time range. */
export function JournalList({
  target,
  preselect,
}: {
  target: Target;
  preselect?: string | undefined;
}) {
  const [rows, setRows] = useState<ChangeSummary[]>([]);
  const [hooks, setHooks] = useState<{ id: string; name: string }[]>([]);
  const [filter, setFilter] = useState({ target: '', status: '', outcome: '' });
  const [startTarget, setStartTarget] = useState(preselect ?? 'ga4');
  const [range, setRange] = useState(() => ({
    from: new Date(Date.now() - DAY).toISOString().slice(0, 16),
    to: new Date(Date.now() + 3600_000).toISOString().slice(0, 16),
  }));
  const { connectionId, siteId } = target;
  useEffect(() => {
    const load = () =>
      void call('changes.list', { connectionId, siteId }).then((r) => r.ok && setRows(r.value));
    load();
    void call('webhooks.list', { connectionId, siteId }).then(
      (r) => r.ok && setHooks(r.value.data.map((w) => ({ id: w.id, name: w.name }))),
    );
    return on('changes.changed', load);
  }, [connectionId, siteId]);
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
                {p}
              </option>
            ))}
            {hooks.map((h) => (
              <option key={h.id} value={`webhook:${h.id}`}>
                webhook {h.name}
              </option>
            ))}
            <option value="data-layer">data-layer</option>
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
                <option key={t}>{t}</option>
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
                <td>{clock(r.startedAt)}</td>
                <td>
                  <a href={`#/changes/${r.id}`}>{r.title ?? r.id}</a>
                </td>
                <td>{r.target}</td>
                <td>{r.operator || '—'}</td>
                <td>
                  {r.damaged
                    ? r.open
                      ? 'damaged journal · holds the lock'
                      : 'damaged journal · abandoned'
                    : r.open
                      ? `open · ${STEP_TITLES[r.step]}`
                      : (r.outcome ?? '').replace('_', ' ')}
                </td>
                <td>
                  {r.anomalies ? `${r.anomalies} anomalies ` : ''}
                  {r.rollbacks ? `${r.rollbacks} rollbacks` : ''}
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
