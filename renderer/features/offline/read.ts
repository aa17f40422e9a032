import type { BridgeResult, CallInput, CallName, CallOutput } from '../../../shared/bridge';
import { call } from '../../bridge';
import { useOffline } from './offline-store';

export const OFFLINE_READS = [
  'integrations.list',
  'integrations.get',
  'integrations.logs',
  'integrations.mappings',
  'health.get',
  'dataLayer.get',
  'webhooks.list',
  'webhooks.get',
  'webhooks.logs',
] as const satisfies readonly CallName[];
type ReadName = (typeof OFFLINE_READS)[number];

/** The reads whose answers carry `stale`/`fetchedAt` (they may come from the offline cache). */
export function isOfflineTracked(name: CallName): name is ReadName {
  return (OFFLINE_READS as readonly CallName[]).includes(name);
}

/**
 * Every screen reads through here so the frame knows when what it shows came from the offline
 * cache (and how old it is), and when a fresh answer means the API is back.
 */
export async function read<K extends ReadName>(
  name: K,
  input: CallInput<K>,
): Promise<BridgeResult<CallOutput<K>>> {
  const result = await call(name, input);
  const connectionId = (input as { connectionId: string }).connectionId;
  if (result.ok) {
    const meta = result.value as { stale: boolean; fetchedAt: string; staleReason?: string };
    if (meta.stale) useOffline.getState().noteStale(connectionId, meta.fetchedAt, meta.staleReason);
    else useOffline.getState().noteFresh(connectionId);
  }
  return result;
}
