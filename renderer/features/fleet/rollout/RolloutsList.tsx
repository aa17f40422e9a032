import type { RolloutSummary } from '../../../../shared/bridge/calls/rollouts';
import { useBridgeQuery } from '../../../data/use-bridge-query';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Notice } from '../../../ui/Notice';
import { Time } from '../../../ui/Time';

const STATUS_CLASS: Record<RolloutSummary['status'], string> = {
  running: 'badge badge-unknown',
  halted: 'badge badge-failing',
  completed: 'badge badge-healthy',
  rolled_back: 'badge badge-degraded',
};

/** #/fleet/rollouts: every rollout, newest first. */
export function RolloutsList() {
  const { data: list, error } = useBridgeQuery('rollouts.list', {});
  if (error) return <ErrorNotice error={error} />;
  if (list && list.length === 0)
    return (
      <Notice tone="info" title="No rollout yet">
        A rollout starts from a change that closed known-good: open it and choose &quot;Roll out to
        other sites&quot;.
      </Notice>
    );
  return (
    <table className="table" aria-label="Rollouts">
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Rollout</th>
          <th scope="col">Status</th>
          <th scope="col">Waves</th>
        </tr>
      </thead>
      <tbody>
        {list?.map((r) => (
          <tr key={r.id}>
            <td>
              <Time at={r.createdAt} />
            </td>
            <td>
              <a href={`#/fleet/rollouts/${r.id}`}>{r.title}</a>
              <div className="muted small">by {r.operator || 'someone'}</div>
            </td>
            <td>
              <span className={STATUS_CLASS[r.status]}>{r.status.replace('_', ' ')}</span>
            </td>
            <td>
              {r.status === 'completed' ? r.waves.length : Math.min(r.wave + 1, r.waves.length)} of{' '}
              {r.waves.length} ({r.waves.join(' / ')})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
