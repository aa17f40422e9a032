import { useQueryClient } from '@tanstack/react-query';
import type { RolloutView } from '../../../../shared/bridge/calls/rollouts';
import { displayTime } from '../../../../shared/domain/names';
import {
  describePatch,
  foldRollout,
  sitesOfWave,
  type RolloutState,
} from '../../../../shared/domain/rollout';
import { queryKeyOf } from '../../../data/keys';
import { useBridgeQuery } from '../../../data/use-bridge-query';
import { Busy } from '../../../ui/Busy';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Notice } from '../../../ui/Notice';
import { HaltActions } from './HaltActions';
import { RolloutJournal } from './RolloutJournal';

function waveState(r: RolloutState, w: number): string {
  if (r.passed.includes(w)) return 'passed';
  if (w === r.wave) {
    if (r.status === 'halted') return 'halted';
    if (r.status === 'rolled_back') return 'rolled back';
    const m = r.monitoring[w];
    if (m) return `monitoring until ${displayTime(m.endsAt)}`;
    return r.status === 'running' ? 'applying' : 'stopped';
  }
  return r.status === 'running' ? 'waiting' : 'not started';
}

const BANNER: Record<RolloutState['status'], (r: RolloutState) => string> = {
  running: (r) => `Rolling out: wave ${r.wave + 1} of ${r.waves.length}`,
  halted: () => 'Halted',
  completed: () => 'Rollout complete',
  rolled_back: (r) => `Wave ${r.wave + 1} rolled back`,
};

/** #/fleet/rollouts/<id>: waves, each site's change and step, the halt and the journal. */
export function RolloutDetail({ id }: { id: string }) {
  // Refetched on rollouts.changed and changes.changed (renderer/data/invalidation.ts).
  const { data: view, error, refetch } = useBridgeQuery('rollouts.get', { rolloutId: id });
  const client = useQueryClient();
  const setView = (v: RolloutView) =>
    client.setQueryData(queryKeyOf('rollouts.get', { rolloutId: id }), v);
  if (error && !view) return <ErrorNotice error={error} onRetry={refetch} />;
  if (!view) return <Busy busy label="Loading the rollout…" />;
  const r = foldRollout(view.entries);
  return (
    <section className="card" aria-labelledby="rollout-title">
      <h2 id="rollout-title">{r.title}</h2>
      <p className="muted small">
        {r.id} · by {r.operator || 'someone'} · from change{' '}
        <a href={`#/changes/${r.source.changeId}`}>{r.source.changeId}</a>
      </p>
      <p data-testid="rollout-status" className="fleet-banner">
        <strong>{BANNER[r.status](r)}</strong>
      </p>
      <HaltActions r={r} onView={setView} />
      {r.status === 'completed' && (
        <Notice tone="success" title="Every wave passed its monitoring." />
      )}
      <h3 className="fleet-carries">What it carries</h3>
      <ul className="sentences">
        {describePatch(r.patch).map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      {r.waves.map((size, w) => (
        <section
          key={w}
          className="fleet-wave"
          aria-labelledby={`wave-${w}`}
          data-testid={`wave-${w + 1}`}
        >
          <h3 id={`wave-${w}`}>
            Wave {w + 1}
            {w === 0 ? ' (canary)' : ''} · {size} {size === 1 ? 'site' : 'sites'} ·{' '}
            {waveState(r, w)}
          </h3>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Change</th>
                <th scope="col">Step</th>
                <th scope="col">Test</th>
                <th scope="col">Anomalies</th>
              </tr>
            </thead>
            <tbody>
              {sitesOfWave(r, w).map((s) => {
                const changeId = r.changeOf[s.key];
                const c = changeId ? view.changes[changeId] : undefined;
                return (
                  <tr key={s.key} data-site={s.key}>
                    <td>{s.label}</td>
                    <td>{changeId ? <a href={`#/changes/${changeId}`}>{changeId}</a> : '—'}</td>
                    <td>
                      {r.skipped[s.key] ? (
                        <span className="tag-warn">skipped: {r.skipped[s.key]}</span>
                      ) : c ? (
                        c.open ? (
                          c.step
                        ) : (
                          (c.outcome?.replace('_', ' ') ?? 'closed')
                        )
                      ) : (
                        'not started'
                      )}
                    </td>
                    <td>{c?.testOk === undefined ? '—' : c.testOk ? 'passed' : 'failed'}</td>
                    <td>{c ? c.anomalies : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
      <RolloutJournal r={r} />
    </section>
  );
}
