import type { RolloutEntry, RolloutState } from '../../../../shared/domain/rollout';
import { Time } from '../../../ui/Time';

function sentence(e: RolloutEntry, r: RolloutState): string {
  const label = (key: string) => r.sites.find((s) => s.key === key)?.label ?? key;
  switch (e.type) {
    case 'created':
      return `Created by ${e.operator || 'someone'}: ${e.sites.length} sites in waves of ${e.waves.join(' / ')}.`;
    case 'site_started':
      return `${label(e.key)}: change ${e.changeId} started.`;
    case 'site_skipped':
      return `${label(e.key)} skipped: ${e.reason}`;
    case 'wave_monitoring':
      return `Wave ${e.wave + 1} monitored for ${e.minutes} min.`;
    case 'wave_passed':
      return `Wave ${e.wave + 1} passed.`;
    case 'halted':
      return `Halted in wave ${e.wave + 1}: ${e.reason}`;
    case 'continued':
      return `Continued by ${e.operator || 'someone'}: ${e.reason}`;
    case 'wave_rolled_back':
      return `Wave ${e.wave + 1} rolled back: ${e.results
        .map(
          (x) =>
            `${label(x.key)} ${x.ok ? 'restored' : 'NOT restored'}${x.testOk === false ? ' (test failed)' : ''}`,
        )
        .join(', ')}.`;
    case 'finished':
      return e.outcome === 'completed' ? 'Finished.' : 'Ended after the rollback.';
  }
}

/** The rollout's own journal, as sentences. */
export function RolloutJournal({ r }: { r: RolloutState }) {
  return (
    <section aria-labelledby="rollout-journal">
      <h3 id="rollout-journal">Journal</h3>
      <ol className="fleet-journal small">
        {r.entries.map((e) => (
          <li key={e.seq}>
            <Time at={e.at} /> {sentence(e, r)}
          </li>
        ))}
      </ol>
    </section>
  );
}
