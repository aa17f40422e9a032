import { useRouter } from '../../app/router-store';
import { ChecklistMatrix } from './ChecklistMatrix';
import { FleetSites } from './FleetSites';
import { useFleetPushes } from './fleet-picture';
import { RolloutDetail } from './rollout/RolloutDetail';
import { RolloutPlanner } from './rollout/RolloutPlanner';
import { RolloutsList } from './rollout/RolloutsList';
import { SitesImport } from './SitesImport';
import './fleet.css';

const TABS = [
  { path: '', label: 'Sites' },
  { path: 'checklist', label: 'Checklist' },
  { path: 'rollouts', label: 'Rollouts' },
  { path: 'add', label: 'Add sites' },
] as const;

/**
 * #/fleet (every site), #/fleet/checklist, #/fleet/rollouts[/<id>], #/fleet/rollout/<changeId>
 * (plan a rollout of a known-good change), #/fleet/add (add sites by id).
 */
export default function FleetScreen() {
  const segments = useRouter((r) => r.segments);
  useFleetPushes();
  const sub = segments[1] ?? '';
  const tab = sub === 'rollout' ? 'rollouts' : sub;
  return (
    <section className="screen" aria-labelledby="fleet-title">
      <header className="screen-head">
        <h1 id="fleet-title">Fleet</h1>
      </header>
      <nav className="tabs" aria-label="Fleet">
        {TABS.map((t) => (
          <a
            key={t.path}
            href={`#/fleet${t.path ? `/${t.path}` : ''}`}
            aria-current={tab === t.path ? 'page' : undefined}
          >
            {t.label}
          </a>
        ))}
      </nav>
      {sub === '' && <FleetSites />}
      {sub === 'checklist' && <ChecklistMatrix />}
      {sub === 'add' && <SitesImport />}
      {sub === 'rollouts' && !segments[2] && <RolloutsList />}
      {sub === 'rollouts' && segments[2] && <RolloutDetail key={segments[2]} id={segments[2]} />}
      {sub === 'rollout' && segments[2] && (
        <RolloutPlanner key={segments[2]} changeId={segments[2]} />
      )}
    </section>
  );
}
