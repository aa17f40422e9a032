import { ProviderParam, type ProviderKey } from '../../../shared/contract/providers';
import { LogsQuery } from '../../../shared/contract/logs';
import { HttpError, unprocessable } from '../errors';
import type { LogRing } from '../sim/log-ring';
import type { SiteRecord, StoredWebhook } from '../store/schema';

export function providerParam(raw: string | undefined): ProviderKey {
  const p = ProviderParam.safeParse(raw);
  if (!p.success)
    throw new HttpError(
      404,
      `Unknown provider "${String(raw).slice(0, 40)}": use ga4, meta or gads (google_ads)`,
    );
  return p.data;
}

/** limit 1..500 (default 50), offset from the newest; beyond the bounds is a 422, not a clamp. */
export function logsPage(ring: LogRing, query: URLSearchParams) {
  const parsed = LogsQuery.safeParse({
    limit: query.get('limit') ?? undefined,
    offset: query.get('offset') ?? undefined,
  });
  if (!parsed.success) throw unprocessable(parsed.error, 'query', ['query']);
  const { limit, offset } = parsed.data;
  return { entries: ring.page(offset, limit), total: ring.total, limit, offset };
}

export function findWebhook(site: SiteRecord, id: string | undefined): StoredWebhook {
  const hook = site.webhooks.find((w) => w.id === id);
  if (!hook)
    throw new HttpError(404, `Webhook ${String(id).slice(0, 80)} not found on site ${site.id}`);
  return hook;
}
