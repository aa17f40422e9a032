import { useSession } from '../../app/session-store';
import { useTarget } from '../../app/target';
import { plural } from '../../../shared/domain/names';
import { useDrills } from './use-drills';

const POLL_MS = 30_000;

/**
 * Always in the frame on a sandbox connection, so nobody forgets a drill is still running. A drill
 * belongs to one site: on that site's screens the banner names the site and the drills; on any
 * other site only a count says drills run elsewhere (this site's data is not affected).
 */
export function DrillIndicator() {
  const t = useTarget();
  const sandbox = t?.kind === 'sandbox';
  const sites = useSession((s) => s.sites);
  const { scenarios } = useDrills(sandbox ? t.target : undefined, { refetchInterval: POLL_MS });
  if (!sandbox || !t) return null;
  const active = scenarios.filter((x) => x.active);
  const here = active.filter((x) => x.siteId === t.target.siteId);
  const elsewhere = active.length - here.length;
  if (active.length === 0) return null;
  if (here.length === 0) {
    const names = [
      ...new Set(
        active.map(
          (x) =>
            sites.find((s) => s.connectionId === t.target.connectionId && s.siteId === x.siteId)
              ?.label ?? 'another site',
        ),
      ),
    ];
    return (
      <div
        className="frame-banner banner-drill-elsewhere"
        role="status"
        data-testid="drill-elsewhere"
      >
        <span className="muted small">
          {plural(elsewhere, 'drill')} running on {names.join(', ')}; none on {t.label}.
        </span>
        <a href="#/drills">Open drills</a>
      </div>
    );
  }
  return (
    <div className="frame-banner banner-drill" role="status" data-testid="drill-indicator">
      <span className="pill pill-drill">
        Drill running on {t.label}: {here.map((s) => s.name).join(', ')}
      </span>
      <span className="muted small">
        Sandbox only. Clear it when the rehearsal is over.
        {elsewhere > 0 ? ` ${plural(elsewhere, 'more drill')} on other sites.` : ''}
      </span>
      <a href="#/drills">Open drills</a>
    </div>
  );
}
