import { fail } from '../../../shared/bridge/errors';
import { targetKind, type SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import {
  DataLayerConfig,
  IntegrationBody,
  WebhookBody,
  type LogEntry,
  type ProviderKey,
  type TestResult,
} from '../../../shared/contract';
import type { Invoke } from '../feature';

export interface LiveRead {
  body: Record<string, unknown>;
  etag: string | undefined;
  stale: boolean;
  staleReason?: string | undefined;
}

const webhookId = (key: SnapshotKey) => key.target.slice('webhook:'.length);
const base = (key: SnapshotKey) => ({ connectionId: key.connectionId, siteId: key.siteId });

/** The live configuration of a target, through the API bridge calls (so cache and offline apply). */
export async function readLive(invoke: Invoke, key: SnapshotKey): Promise<LiveRead> {
  const kind = targetKind(key.target);
  const r =
    kind === 'provider'
      ? await invoke('integrations.get', { ...base(key), provider: key.target as ProviderKey })
      : kind === 'webhook'
        ? await invoke('webhooks.get', { ...base(key), webhookId: webhookId(key) })
        : await invoke('dataLayer.get', base(key));
  return { body: r.data, etag: r.etag, stale: r.stale, staleReason: r.staleReason };
}

/**
 * PUT a stored body back. Masked secrets are sent as they are: the API keeps the stored secret when
 * it receives its own mask (DESIGN.md section 5), so a restore never needs the secret itself.
 */
export async function writeLive(
  invoke: Invoke,
  key: SnapshotKey,
  body: Record<string, unknown>,
  ifMatch: string | undefined,
) {
  const kind = targetKind(key.target);
  const withEtag = ifMatch ? { ifMatch } : {};
  if (kind === 'provider') {
    const parsed = IntegrationBody.safeParse(body);
    if (!parsed.success)
      fail(
        'validation',
        'This snapshot is not a valid integration body any more; it cannot be restored as is.',
      );
    return (
      await invoke('integrations.put', {
        ...base(key),
        provider: key.target as ProviderKey,
        body: parsed.data,
        ...withEtag,
      })
    ).data;
  }
  if (kind === 'webhook') {
    const parsed = WebhookBody.safeParse(body);
    if (!parsed.success)
      fail(
        'validation',
        'This snapshot is not a valid webhook body any more; it cannot be restored as is.',
      );
    return (
      await invoke('webhooks.update', {
        ...base(key),
        webhookId: webhookId(key),
        body: parsed.data,
        ...withEtag,
      })
    ).data;
  }
  const parsed = DataLayerConfig.safeParse(body);
  if (!parsed.success)
    fail('validation', 'This snapshot is not a valid data-layer configuration any more.');
  return (await invoke('dataLayer.put', { ...base(key), body: parsed.data, ...withEtag })).data;
}

/** The provider or webhook test that must follow every config change; the data layer has none. */
export async function runTest(invoke: Invoke, key: SnapshotKey): Promise<TestResult | undefined> {
  const kind = targetKind(key.target);
  if (kind === 'provider')
    return invoke('integrations.test', { ...base(key), provider: key.target as ProviderKey });
  if (kind === 'webhook')
    return invoke('webhooks.test', { ...base(key), webhookId: webhookId(key) });
  return undefined;
}

/** Recent provider logs for the diff's critical flags; undefined when they cannot be read. */
export async function recentLogs(
  invoke: Invoke,
  key: SnapshotKey,
): Promise<LogEntry[] | undefined> {
  if (targetKind(key.target) !== 'provider') return undefined;
  try {
    const r = await invoke('integrations.logs', {
      ...base(key),
      provider: key.target as ProviderKey,
      limit: 500,
      offset: 0,
    });
    return r.data.entries;
  } catch {
    return undefined;
  }
}
