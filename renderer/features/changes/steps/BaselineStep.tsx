import type { ChangeState } from '../../../../shared/domain/workflow';
import { clock } from '../../../ui/format';
import { Notice } from '../../../ui/Notice';
import { useChange } from '../change-store';
import { ServerChanges } from './ServerChanges';

export function BaselineStep({ s }: { s: ChangeState }) {
  const run = useChange((x) => x.run);
  const legal = useChange((x) => x.legal);
  const failed = [...s.entries]
    .reverse()
    .find((e) => e.type === 'baseline_failed' || e.type === 'baseline');
  const conflict = s.needsBaseline ? s.lastApplyError : undefined;
  return (
    <div className="step-body">
      {s.baseline && !s.needsBaseline && !s.baseline.exists && (
        <p>
          The webhook does not exist yet (checked live at {clock(s.baseline.at)}): this change
          creates it.
        </p>
      )}
      {s.baseline && !s.needsBaseline && s.baseline.exists && (
        <p>
          Read the integration list, the health and the config at {clock(s.baseline.at)}; snapshot{' '}
          {s.baseline.snapshotVersion ? (
            <a href={`#/snapshots/${s.target}`}>v{s.baseline.snapshotVersion}</a>
          ) : (
            'not taken'
          )}
          {s.baseline.health ? `; health ${s.baseline.health.status}` : ''}.
        </p>
      )}
      {conflict && (
        <Notice tone="warning" title="The configuration changed on the server since the baseline">
          <p>{conflict.error.message}</p>
          {conflict.serverChanges && <ServerChanges diff={conflict.serverChanges} />}
        </Notice>
      )}
      {failed?.type === 'baseline_failed' && (
        <Notice tone="error" title="The baseline could not be taken">
          {failed.error.message}
        </Notice>
      )}
      {legal.includes('baseline') && (
        <button
          type="button"
          className={s.step === 'baseline' ? 'primary' : ''}
          onClick={() => void run('Baseline', 'changes.baseline', { changeId: s.id })}
        >
          {s.baseline ? 'Take new baseline' : 'Take baseline'}
        </button>
      )}
    </div>
  );
}
