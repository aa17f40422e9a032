import { useMemo } from 'react';
import type { Webhook } from '../../../shared/contract';
import type { WebhookNames } from '../../../shared/domain/names';
import type { Target } from '../../app/target';
import { useBridgeQuery, type BridgeQuery } from '../../data/use-bridge-query';

const NO_WEBHOOKS: Webhook[] = [];

/**
 * The site's webhooks: one query (`webhooks.list` keyed by site) for every screen that lists or
 * names them (Webhooks, Snapshots, Logs, Runbooks, Changes), always through the offline tracking.
 */
export function useWebhookList(
  target: Target | undefined,
  options: { refetchInterval?: number } = {},
): Omit<BridgeQuery<unknown>, 'data'> & {
  data: unknown;
  list: Webhook[];
  names: WebhookNames;
  stale: boolean;
} {
  const q = useBridgeQuery(
    'webhooks.list',
    target && { connectionId: target.connectionId, siteId: target.siteId },
    options,
  );
  const list = q.data?.data ?? NO_WEBHOOKS;
  const names = useMemo(() => Object.fromEntries(list.map((w) => [w.id, w.name])), [list]);
  return {
    ...q,
    list,
    names,
    stale: !!q.data?.stale,
  };
}
