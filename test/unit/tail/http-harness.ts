import { eventually } from '../../fakes/poll';
import type { CallContext } from '../../../shared/bridge';
import type { TailBatch } from '../../../shared/bridge/calls/tail';
import { EventHub } from '../../../main/host/event-hub';
import { createTailFeature } from '../../../main/core/tail';
import type { RegistryOptions } from '../../../main/core/tail/registry';
import { harness } from '../api/harness';

/**
 * The tail feature wired exactly as in the app (the real API service over HTTP), minus the
 * settings store and the other features it does not use.
 */
export function tailOverHttp(
  baseUrl: string,
  opts: Partial<Omit<RegistryOptions, 'emit'>> = {},
  limits = {},
) {
  const h = harness({ baseUrl, limits });
  const hub = new EventHub();
  const batches: TailBatch[] = [];
  hub.attach((name, payload) => {
    if (name === 'tail.batch') batches.push(payload as TailBatch);
  });
  const ctx: CallContext = { client: 'c1' };
  const feature = createTailFeature({ emit: hub.emit, api: h.service }, opts);
  const start = (siteId: string, provider: 'ga4' | 'meta' | 'gads', backfill = 0) =>
    feature.handlers['tail.start'](
      { connectionId: 'c1', siteId, stream: { kind: 'provider', provider }, backfill },
      ctx,
    );
  return {
    feature,
    batches,
    start,
    stop: (tailId: string) => feature.handlers['tail.stop']({ tailId }, ctx),
    ids: (tailId: string) =>
      batches.filter((b) => b.tailId === tailId).flatMap((b) => b.entries.map((e) => e.id)),
    gaps: (tailId: string) =>
      batches.filter((b) => b.tailId === tailId).flatMap((b) => b.gaps ?? []),
    statuses: (tailId: string) =>
      batches.filter((b) => b.tailId === tailId && b.status).map((b) => b.status!),
    async dispose() {
      await feature.close?.();
      await h.dispose();
    },
  };
}

export { sleep } from '../../fakes/poll';

export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  await eventually(check, { timeoutMs, everyMs: 50, what });
}
