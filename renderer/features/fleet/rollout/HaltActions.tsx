import { useState } from 'react';
import type { BridgeError } from '../../../../shared/bridge';
import type { RolloutView } from '../../../../shared/bridge/calls/rollouts';
import { sitesOfWave, type RolloutState } from '../../../../shared/domain/rollout';
import { call } from '../../../bridge';
import { useAsk } from '../../../ui/AskDialog';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Notice } from '../../../ui/Notice';
import { useSitesScope } from '../fleet-scope';

/** The operator's two ways out of a halt: undo the wave, or go on with a journaled reason. */
export function HaltActions({ r, onView }: { r: RolloutState; onView(v: RolloutView): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BridgeError>();
  const { ask, dialog } = useAsk();
  const halt = r.halt;
  // The sites the rollout touched in this wave: the ones a rollback restores.
  const touched = halt ? sitesOfWave(r, halt.wave).filter((s) => r.changeOf[s.key]) : [];
  const scope = useSitesScope(touched.map((s) => s.key));
  if (r.status !== 'halted' || !halt) return null;
  const wave = halt.wave + 1;
  const act = async (p: ReturnType<typeof call<'rollouts.continue'>>) => {
    setBusy(true);
    const res = await p;
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setError(undefined);
    onView(res.value);
  };
  const rollBack = async () => {
    const a = await ask({
      title: `Roll back wave ${wave} on ${scope}?`,
      message:
        'Every site of this wave that the rollout changed is restored to its baseline snapshot and tested again; sites not applied yet are left alone. Earlier waves stay as they are. The rollout then ends.',
      confirmLabel: `Roll back wave ${wave}`,
      danger: true,
    });
    if (a.confirmed) await act(call('rollouts.rollbackWave', { rolloutId: r.id }));
  };
  const goOn = async () => {
    const a = await ask({
      title: 'Continue the rollout',
      message:
        "The site it stopped at is passed over (its change stays open for you); the others go on. Your reason goes in the rollout's journal.",
      confirmLabel: 'Continue rollout',
      field: { label: 'Reason', maxLength: 2000 },
    });
    if (a.confirmed) await act(call('rollouts.continue', { rolloutId: r.id, reason: a.value }));
  };
  return (
    <Notice
      tone="error"
      title="Rollout halted"
      action={
        <div className="row">
          <button type="button" className="danger" disabled={busy} onClick={() => void rollBack()}>
            Roll back this wave
          </button>
          <button type="button" disabled={busy} onClick={() => void goOn()}>
            Continue rollout…
          </button>
        </div>
      }
    >
      <p data-testid="halt-reason">
        Wave {wave}: {halt.reason.replace(/([^.])$/, '$1.')}
      </p>
      <p>Nothing more is applied until you decide.</p>
      {error && <ErrorNotice error={error} />}
      {dialog}
    </Notice>
  );
}
