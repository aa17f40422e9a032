import type { Site } from '../../../shared/bridge';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import { type ProviderHealth, type WebhookHealth } from '../../../shared/contract';
import type { TargetReading } from '../../../shared/domain/alerts/conditions';
import { filteredShares } from '../../../shared/domain/alerts/filtered-share';
import { targetName } from '../../../shared/domain/names/target-name';
import { summarizeDiff } from '../../../shared/domain/workflow/describe';
import type { ApiService } from '../api';
import type { SnapshotStore } from '../snapshots/store';
import { driftOfBody } from '../snapshots/drift';
import type { Seen } from './alert-store';

/** A target as one round saw it: what the rules read, and what flips and outside changes are judged on. */
export interface TargetSight {
  reading: TargetReading;
  /** The configuration's `updatedAt` on the server, when the round could read it. */
  updatedAt?: string | undefined;
  status?: string | undefined;
}

type Body = Record<string, unknown>;
/** A busy enough health window to learn the usual gap between deliveries from. */
const USUAL_MIN_SENT = 10;

function usualOf(
  window: { minutes: number; sent: number } | undefined,
  seen: Seen | undefined,
): { minutes: number; sent: number } | undefined {
  if (window && window.sent >= USUAL_MIN_SENT && window.minutes > 0)
    return { minutes: window.minutes, sent: window.sent };
  return seen?.usual;
}

/**
 * One round of the watch on one site, every read live (a decision to alert is never made on the
 * offline copy): health, the integrations, webhooks and data layer (drift against known-good and
 * `updatedAt`), and the logs of a provider whose health window shows filtered events (the share
 * under the configuration in force since its `updatedAt`). Health is required; a failing other
 * read only leaves its part out of this round.
 */
export async function readSite(
  deps: { api: ApiService; store: SnapshotStore; now: () => Date },
  site: Site,
  seen: Readonly<Record<string, Seen>>,
): Promise<TargetSight[]> {
  const t = { connectionId: site.connectionId, siteId: site.siteId };
  const health = (await deps.api.reads.health(t, 'live')).data;
  const [integrations, webhooks, dataLayer] = await Promise.allSettled([
    deps.api.reads.integrations(t, 'live'),
    deps.api.reads.webhooks(t, 'live'),
    deps.api.reads.dataLayer(t, 'live'),
  ]);
  const bodies = new Map<string, Body & { updatedAt?: string | undefined }>();
  if (integrations.status === 'fulfilled')
    for (const i of integrations.value.data) bodies.set(i.provider, i);
  if (webhooks.status === 'fulfilled')
    for (const w of webhooks.value.data) bodies.set(`webhook:${w.id}`, w);
  if (dataLayer.status === 'fulfilled') bodies.set('data-layer', dataLayer.value.data);

  const now = deps.now();
  const drift = async (target: string) => {
    const body = bodies.get(target);
    if (!body) return undefined;
    const key: SnapshotKey = { ...t, target };
    const r = await driftOfBody(deps.store, key, body, () => Promise.resolve(undefined), now);
    if (!r.knownGood) return undefined;
    return {
      drifted: r.drifted,
      knownGoodVersion: r.knownGood.version,
      summary: r.diff ? summarizeDiff(r.diff) : 'matches',
    };
  };
  const seenOf = (target: string) => seen[`${site.siteId}/${target}`];

  const providers = await Promise.all(
    health.integrations.map(async (h: ProviderHealth): Promise<TargetSight> => {
      const body = bodies.get(h.provider);
      const shares =
        h.enabled && h.window.filtered > 0
          ? await deps.api.reads
              .integrationLogs(t, h.provider, { limit: 500, offset: 0, persist: false }, 'live')
              .then((p) => filteredShares(p.data.entries, body?.updatedAt))
              .catch(() => undefined)
          : [];
      return {
        reading: {
          target: h.provider,
          name: targetName(h.provider),
          health: h,
          usual: usualOf(h.window, seenOf(h.provider)),
          drift: await drift(h.provider),
          ...(shares ? { shares } : {}),
        },
        updatedAt: body?.updatedAt,
        status: h.status,
      };
    }),
  );
  const hooks = await Promise.all(
    health.webhooks.map(async (h: WebhookHealth): Promise<TargetSight> => {
      const target = `webhook:${h.id}`;
      return {
        reading: {
          target,
          name: h.name,
          health: { ...h, enabled: h.active ?? true },
          usual: usualOf(h.window, seenOf(target)),
          drift: await drift(target),
        },
        updatedAt: bodies.get(target)?.updatedAt,
        status: h.status,
      };
    }),
  );
  const layer: TargetSight = {
    reading: { target: 'data-layer', name: 'Data layer', drift: await drift('data-layer') },
    updatedAt: bodies.get('data-layer')?.updatedAt,
  };
  return [...providers, ...hooks, layer];
}
