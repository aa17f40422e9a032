import { useEffect } from 'react';
import { useRefresh } from '../../app/refresh-store';
import { targetKey, useTarget } from '../../app/target';
import { useDrills } from './drills-store';

const POLL_MS = 30_000;

/** Always in the frame on a sandbox connection: nobody forgets that a drill is still running. */
export function DrillIndicator() {
  const t = useTarget();
  const sandbox = t?.kind === 'sandbox';
  const key = targetKey(t?.target);
  const tick = useRefresh((s) => s.tick);
  // Select the stored array (stable identity) and filter here: a filtering selector loops zustand.
  const scenarios = useDrills((s) => s.scenarios);
  const active = scenarios.filter((x) => x.active);
  const load = useDrills((s) => s.load);

  useEffect(() => {
    if (!sandbox || !t) return;
    void load(t.target);
    const timer = setInterval(() => void load(t.target), POLL_MS);
    return () => clearInterval(timer);
    // The key stands for the target; the object itself changes identity on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sandbox, key, tick, load]);

  if (!sandbox || active.length === 0) return null;
  return (
    <div className="frame-banner banner-drill" role="status" data-testid="drill-indicator">
      <span className="pill pill-drill">Drill running: {active.map((s) => s.name).join(', ')}</span>
      <span className="muted small">Sandbox only. Clear it when the rehearsal is over.</span>
      <a href="#/drills">Open drills</a>
    </div>
  );
}
