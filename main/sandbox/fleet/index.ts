import type { SiteRecord } from '../store/schema';
import { fleetSite } from './fleet-seed';

export { fleetSite, fleetSiteName, fleetSites } from './fleet-seed';
export { LATENT_PROBLEMS, latentProblemOf, type LatentProblem } from './latent';

/** The fleet sites 0..count-1 that `sites` does not hold yet (never removes or rewrites one). */
export function missingFleetSites(
  sites: readonly SiteRecord[],
  seed: number,
  count: number,
  origin: string,
): SiteRecord[] {
  const have = new Set(sites.map((s) => s.id));
  const out: SiteRecord[] = [];
  for (let i = 0; i < count; i++) {
    const site = fleetSite(seed, i, origin);
    if (!have.has(site.id)) out.push(site);
  }
  return out;
}
