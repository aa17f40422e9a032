import { useState } from 'react';
import type { BridgeError } from '../../../../shared/bridge';
import { targetName } from '../../../../shared/domain/names';
import { defaultWaves, foldRollout, wavesProblem } from '../../../../shared/domain/rollout';
import { useRouter } from '../../../app/router-store';
import { call } from '../../../bridge';
import { useBridgeQuery } from '../../../data/use-bridge-query';
import { useAsk } from '../../../ui/AskDialog';
import { Busy } from '../../../ui/Busy';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { useSitesScope } from '../fleet-scope';
import { SitePicker } from './SitePicker';

const parseWaves = (text: string) =>
  text
    .split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number);

/** #/fleet/rollout/<changeId>: what the change carries, to which sites, in which waves. */
export function RolloutPlanner({ changeId }: { changeId: string }) {
  const planned = useBridgeQuery('rollouts.plan', { changeId }, { staleTime: Infinity });
  const plan = planned.data;
  const [startError, setError] = useState<BridgeError>();
  const error = startError ?? planned.error;
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [wavesText, setWavesText] = useState<string>();
  const [fixed, setFixed] = useState(false);
  const [minutes, setMinutes] = useState('60');
  const [busy, setBusy] = useState(false);
  const { ask, dialog } = useAsk();
  const scope = useSitesScope([...picked]);

  if (error && !plan) return <ErrorNotice error={error} />;
  if (!plan) return <Busy busy label="Reading the change…" />;
  const keys = plan.candidates.filter((c) => picked.has(c.key)).map((c) => c.key);
  const labels = new Map(plan.candidates.map((c) => [c.key, c.label]));
  const waves = wavesText === undefined ? defaultWaves(keys.length) : parseWaves(wavesText);
  const problem = keys.length ? wavesProblem(waves, keys.length) : 'Pick at least one site.';
  const windowMin = Number(minutes);
  const windowProblem =
    fixed && !(windowMin >= plan.monitorMinimumMinutes)
      ? `At least ${plan.monitorMinimumMinutes} min (Settings).`
      : undefined;

  async function start() {
    const a = await ask({
      title: `Roll out to ${scope}?`,
      message: `Wave 1 (${waves[0] ?? 0} ${waves[0] === 1 ? 'site' : 'sites'}) starts at once; each later wave waits for the previous one's monitoring window.`,
      confirmLabel: 'Start rollout',
      danger: true,
    });
    if (!a.confirmed) return;
    setBusy(true);
    const r = await call('rollouts.start', {
      changeId,
      keys,
      waves,
      ...(fixed ? { monitorMinutes: windowMin } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    useRouter.getState().navigate(`fleet/rollouts/${foldRollout(r.value.entries).id}`);
  }

  return (
    <section className="card" aria-labelledby="plan-title">
      <h2 id="plan-title">Roll out to other sites</h2>
      <p>
        From change <a href={`#/changes/${changeId}`}>{changeId}</a> on{' '}
        {targetName(plan.source.target)}
        {plan.source.title ? ` ("${plan.source.title}")` : ''} by{' '}
        {plan.source.operator || 'someone'}. It carries only what the change edited:
      </p>
      <ul className="sentences" aria-label="What the rollout carries">
        {plan.sentences.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      {plan.ignored.length > 0 && (
        <p className="muted small">
          Never carried (they differ per site): {plan.ignored.join(', ')}.
        </p>
      )}
      <SitePicker candidates={plan.candidates} picked={picked} onChange={setPicked} />
      <div className="row">
        <label className="field">
          <span>Waves (sites per wave)</span>
          <input
            value={wavesText ?? waves.join(', ')}
            aria-invalid={problem && keys.length ? true : undefined}
            onChange={(e) => setWavesText(e.target.value)}
          />
          <small className="muted">Default: a canary of 1, then 25%, then the rest.</small>
        </label>
        <fieldset className="field">
          <legend>Monitor each wave for</legend>
          <label>
            <input type="radio" checked={!fixed} onChange={() => setFixed(false)} /> the business
            cycle of its sites&apos; runbooks
          </label>
          <label>
            <input type="radio" checked={fixed} onChange={() => setFixed(true)} /> a fixed window of{' '}
            <input
              className="fleet-minutes"
              aria-label="Minutes per wave"
              inputMode="decimal"
              value={minutes}
              disabled={!fixed}
              onChange={(e) => setMinutes(e.target.value)}
            />{' '}
            min
          </label>
        </fieldset>
      </div>
      {!problem && (
        <ol className="small fleet-waves" aria-label="Waves">
          {waves.map((size, w) => {
            const start = waves.slice(0, w).reduce((a, b) => a + b, 0);
            const names = keys.slice(start, start + size).map((k) => labels.get(k) ?? k);
            return (
              <li key={w}>
                Wave {w + 1}
                {w === 0 ? ' (canary)' : ''}: {names.slice(0, 6).join(', ')}
                {names.length > 6 ? ` and ${names.length - 6} more` : ''}
              </li>
            );
          })}
        </ol>
      )}
      {(problem ?? windowProblem) && <p className="field-error">{problem ?? windowProblem}</p>}
      {error && <ErrorNotice error={error} />}
      <button
        type="button"
        className="primary"
        disabled={!!problem || !!windowProblem || busy}
        onClick={() => void start()}
      >
        Start rollout to {keys.length} {keys.length === 1 ? 'site' : 'sites'}
      </button>
      {dialog}
    </section>
  );
}
