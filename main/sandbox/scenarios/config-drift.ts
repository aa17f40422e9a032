import { PROVIDER_KEYS } from '../../../shared/contract/providers';
import type { SiteState } from '../state';
import type { SiteRecord } from '../store/schema';

/**
 * The two drills that are "someone changed the config": they go through the same persisted,
 * versioned write as an API PUT (so ETags change and a client holding an old one gets 412), and
 * clearing the drill does not undo them: an operator restores them, as after a real bad change.
 */
export async function suppressPurchases(state: SiteState, site: SiteRecord): Promise<void> {
  const now = new Date().toISOString();
  await state.update(site, (s) => {
    for (const p of PROVIDER_KEYS) {
      const integ = s.integrations[p];
      if (!integ) continue;
      // Minor units typed into a major-unit field: 1000.00 became 100000. Every normal order drops.
      integ.eventFilters = {
        ...integ.eventFilters,
        purchase: {
          enabled: true,
          conditions: [{ field: 'order.total', operator: 'gte', value: 100000 }],
        },
      };
      integ.updatedAt = now;
      integ.version++;
    }
  });
}

export async function overwriteMappings(state: SiteState, site: SiteRecord): Promise<void> {
  const now = new Date().toISOString();
  await state.update(site, (s) => {
    for (const p of ['meta', 'gads'] as const) {
      const integ = s.integrations[p];
      if (!integ) continue;
      // An outside tool PUT its own idea of the mapping: the conversion events are gone.
      const { purchase: _p, add_to_cart: _a, ...rest } = integ.eventMapping;
      integ.eventMapping = rest;
      integ.updatedAt = now;
      integ.version++;
    }
  });
}
