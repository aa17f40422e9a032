import { RemoteId } from '../../../shared/bridge/calls/api';
import { PROVIDER_KEYS } from '../../../shared/contract/providers';
import { streamKey } from '../../../shared/domain/trace';
import type { ApiService } from '../api';

export interface Destination {
  key: string;
  stream:
    | { kind: 'provider'; provider: (typeof PROVIDER_KEYS)[number] }
    | { kind: 'webhook'; webhookId: string };
  name?: string;
  enabled: boolean;
  testMode?: boolean;
  subscribedEvents?: string[];
}

/**
 * Every provider integration and webhook of the site, in a fixed order (GA4, Meta, Google Ads,
 * then webhooks by name). The lists may come from the offline copy: they only say where to look;
 * the log pages themselves are always read live.
 */
export async function listDestinations(
  api: ApiService,
  t: { connectionId: string; siteId: string },
): Promise<Destination[]> {
  // `display`: the lists only say which logs to read; the logs themselves are read live.
  const [integrations, webhooks] = await Promise.all([
    api.reads.integrations(t, 'display'),
    api.reads.webhooks(t, 'display'),
  ]);
  const out: Destination[] = [];
  for (const provider of PROVIDER_KEYS) {
    const integ = integrations.data.find((i) => i.provider === provider);
    if (!integ) continue;
    const stream = { kind: 'provider' as const, provider };
    out.push({ key: streamKey(stream), stream, enabled: integ.enabled, testMode: integ.testMode });
  }
  const hooks = webhooks.data
    .filter((w) => RemoteId.safeParse(w.id).success)
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const w of hooks) {
    const stream = { kind: 'webhook' as const, webhookId: w.id };
    out.push({
      key: streamKey(stream),
      stream,
      name: w.name,
      enabled: w.active,
      subscribedEvents: w.events,
    });
  }
  return out;
}
