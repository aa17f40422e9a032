import type { ProviderKey } from '../../shared/contract/providers';
import { HttpError } from './errors';
import type { SiteStore } from './store/site-store';
import type { SiteRecord } from './store/schema';
import { z } from 'zod';

const SiteIdParam = z.uuid({ message: 'siteId must be a uuid' });

/** The live sites, the one place that mutates them and persists every mutation. */
export class SiteState {
  private readonly sites = new Map<string, SiteRecord>();
  private readonly queues = new Map<string, Promise<unknown>>();
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

  /**
   * The one way to change a site, one change per site at a time: `change` runs on a copy of the
   * site as it is now (so a check inside it, e.g. If-Match, sees every earlier write), the copy is
   * written to disk, and only then does it replace the site in memory. A check that throws or a
   * write that fails leaves memory and disk as they were.
   */
  update<T>(site: SiteRecord, change: (draft: SiteRecord) => T): Promise<T> {
    const id = site.id;
    const run = async () => {
      const draft = structuredClone(this.sites.get(id) ?? site);
      const result = change(draft);
      await this.store.saveSite(draft);
      this.sites.set(id, draft);
      return result;
    };
    const next = (this.queues.get(id) ?? Promise.resolve()).then(run, run);
    this.queues.set(
      id,
      next.catch(() => undefined),
    );
    return next;
  }
}
