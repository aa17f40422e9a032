import type { ProviderKey } from '../../shared/contract/providers';
import { HttpError } from './errors';
import type { SiteStore } from './store/site-store';
import type { SiteRecord } from './store/schema';
import { z } from 'zod';

const SiteIdParam = z.uuid({ message: 'siteId must be a uuid' });

/** The live sites, the one place that mutates them and persists every mutation. */
export class SiteState {
  private readonly sites = new Map<string, SiteRecord>();
  readonly order: string[] = [];

  constructor(
    private readonly store: SiteStore,
    sites: SiteRecord[],
  ) {
    for (const s of sites) {
      this.sites.set(s.id, s);
      this.order.push(s.id);
    }
  }

  all(): SiteRecord[] {
    return this.order.map((id) => this.sites.get(id)).filter((s): s is SiteRecord => !!s);
  }

  /** Bad uuid -> 422 with a detail (the client can tell a typo from a missing site); unknown -> 404. */
  require(siteId: string): SiteRecord {
    const parsed = SiteIdParam.safeParse(siteId);
    if (!parsed.success) {
      throw new HttpError(422, `Invalid siteId "${siteId.slice(0, 80)}": it must be a uuid`, [
        { path: 'siteId', message: 'must be a uuid' },
      ]);
    }
    const site = this.sites.get(siteId.toLowerCase());
    if (!site) throw new HttpError(404, `Site ${siteId} not found`);
    return site;
  }

  find(siteId: string): SiteRecord | undefined {
    return this.sites.get(siteId.toLowerCase());
  }

  integration(site: SiteRecord, provider: ProviderKey) {
    return site.integrations[provider];
  }

  /** Mutate through here so the change is on disk before the API answers. */
  async update(site: SiteRecord, mutate: (s: SiteRecord) => void): Promise<void> {
    mutate(site);
    await this.store.saveSite(site);
  }
}
