import { join } from 'node:path';
import { calls, type CallContext, type CallName, type Handlers } from '../../shared/bridge';
import type { EventHub } from '../host/event-hub';
import { createApiService } from './api';
import { createAppHandlers, type AppIdentity } from './app/app-handlers';
import { createChangesFeature } from './changes';
import { createConnectionHandlers } from './connections/connection-handlers';
import { ConnectionService } from './connections/connection-service';
import { attachEmbeddedSandbox, type EmbeddedSandbox } from './connections/embedded-sandbox';
import type { FeatureDeps, Invoke } from './feature';
import { createRunbooksFeature } from './runbooks';
import type { SecretStore } from './secrets/types';
import type { SettingsStore } from './settings/settings-store';
import { createSnapshotsFeature } from './snapshots';
import { createTailFeature } from './tail';
import { createTraceFeature, DEFAULT_RETAINED, RetainedLogs, retainedKey } from './trace';

export interface CoreOptions {
  identity: AppIdentity;
  settings: SettingsStore;
  secrets: SecretStore;
  hub: EventHub;
  /** Asks the operator, outside the renderer, before token storage is weakened (Electron: a dialog). */
  confirmInsecureSecrets?: () => Promise<boolean>;
  /** Starts the embedded sandbox; omitted in tests that bring their own API. */
  startSandbox?: Parameters<typeof attachEmbeddedSandbox>[2];
}

export interface Core {
  handlers: Handlers;
  sandbox: EmbeddedSandbox | undefined;
  close(): Promise<void>;
}

/**
 * Builds every Electron-free service and the exhaustive handler map. Electron and browser mode
 * call this with their own settings backend and secret store; nothing else differs.
 */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const notices = [...opts.settings.notices];
  const ctx: CallContext = opts.hub.context;
  const connections = new ConnectionService(opts.settings, opts.secrets);
  const api = createApiService({ connections, cacheDir: join(opts.identity.dataDir, 'cache') });
  connections.onChange((id) => api.invalidate(id));
  connections.onForget((id) => void api.forgetCache(id).catch(() => undefined));

  let sandbox: EmbeddedSandbox | undefined;
  if (opts.startSandbox) {
    try {
      sandbox = await attachEmbeddedSandbox(connections, opts.identity.dataDir, opts.startSandbox);
    } catch (error) {
      notices.push(
        `The embedded sandbox could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  // Late-bound so features can call each other's handlers through the bridge schemas.
  const invoke = (async (name: CallName, input: unknown) => {
    const spec = calls[name];
    const run = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    return spec.output.parse(await run(spec.input.parse(input), ctx));
  }) as Invoke;
  const deps: FeatureDeps = {
    dataDir: opts.identity.dataDir,
    hub: opts.hub,
    settings: opts.settings,
    connections,
    invoke,
  };
  // Named one by one: destructuring an array would type each feature as the union of all of them.
  const snapshots = createSnapshotsFeature(deps);
  // What live tails fetch is kept for the event trace, so it searches that before paging the API.
  const retained = new RetainedLogs({ ...DEFAULT_RETAINED, now: Date.now });
  const tail = createTailFeature(deps, { retain: (t) => retained.feed(retainedKey(t)) });
  const trace = createTraceFeature(deps, retained);
  const changes = createChangesFeature(deps);
  const runbooks = createRunbooksFeature(deps);
  const features = [snapshots, tail, changes, runbooks, trace];

  const handlers: Handlers = {
    ...createAppHandlers(
      opts.identity,
      opts.settings,
      opts.secrets,
      () => notices,
      opts.confirmInsecureSecrets,
    ),
    ...createConnectionHandlers(connections, async (connectionId, siteId) => {
      const list = await api.handlers['integrations.list']({ connectionId, siteId }, ctx);
      return { integrations: list.data.length };
    }),
    ...api.handlers,
    ...snapshots.handlers,
    ...tail.handlers,
    ...changes.handlers,
    ...runbooks.handlers,
    ...trace.handlers,
  };

  return {
    handlers,
    sandbox,
    async close() {
      await Promise.allSettled(features.map(async (f) => f.close?.()));
      await api.close();
      await sandbox?.close();
    },
  };
}
