import { join } from 'node:path';
import type { ClientId, Emit, Handlers } from '../../shared/bridge';
import { createAlertsFeature } from './alerts';
import { createApiHandlers, createApiService } from './api';
import { createAppHandlers, type AppIdentity } from './app/app-handlers';
import { createChangesFeature } from './changes';
import { createFleetFeature } from './fleet';
import { createRolloutsFeature } from './fleet/rollout';
import { changesPort } from './fleet/rollout/changes-port';
import { createConnectionHandlers } from './connections/connection-handlers';
import { ConnectionService } from './connections/connection-service';
import { attachEmbeddedSandbox, type EmbeddedSandbox } from './connections/embedded-sandbox';
import { createDamageHandlers } from './damage/handlers';
import { DamageRegister } from './damage/register';
import { createRunbooksFeature } from './runbooks';
import { RunbookStore } from './runbooks/store';
import type { SecretStore } from './secrets/types';
import type { SettingsStore } from './settings/settings-store';
import { createSnapshotsFeature } from './snapshots';
import { createTailFeature } from './tail';
import { createTraceFeature, DEFAULT_RETAINED, RetainedLogs, retainedKey } from './trace';
import { createWorkspaceFeature } from './workspace/feature';

export interface CoreOptions {
  identity: AppIdentity;
  settings: SettingsStore;
  secrets: SecretStore;
  /** How events reach the renderers (the host's event hub); core never imports the host. */
  emit: Emit;
  /**
   * Where every store reports damaged files. The entries open it first so the settings and secret
   * stores, created before the core, report into it too; tests may leave it to the core.
   */
  damage?: DamageRegister;
  /** Asks the operator, outside the renderer, before token storage is weakened (Electron: a dialog). */
  confirmInsecureSecrets?: () => Promise<boolean>;
  /** Starts the embedded sandbox; omitted in tests that bring their own API. */
  startSandbox?: Parameters<typeof attachEmbeddedSandbox>[2];
}

export interface Core {
  handlers: Handlers;
  /** The host reports a window or tab that went away; what it subscribed to ends. */
  clientGone: (client: ClientId) => void;
  sandbox: EmbeddedSandbox | undefined;
  damage: DamageRegister;
  /** A start-up or process-level notice (e.g. an unhandled rejection): listed in app.info and sent now. */
  notify(level: 'info' | 'warning' | 'error', message: string): void;
  close(): Promise<void>;
}

/**
 * The one place the services are wired: each feature gets the typed services it uses (the API,
 * snapshots, runbooks, changes) and the bridge handlers are thin adapters over them. Electron and
 * browser mode call this with their own settings backend, secret store and event sink.
 */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const { emit, settings } = opts;
  // Fleet rows follow the change journal at once (open change, last change, compliance).
  let followChanges: (connectionId: string, siteId: string) => void = () => undefined;
  const emitAndFollow: Emit = (name, payload, to) => {
    emit(name, payload, to);
    if (name === 'changes.changed') {
      const p = payload as { connectionId: string; siteId: string };
      followChanges(p.connectionId, p.siteId);
    }
  };
  const dataDir = opts.identity.dataDir;
  const notices = [...settings.notices];
  const damage = opts.damage ?? (await DamageRegister.open(dataDir));
  damage.onReport((report) => emit('damage.reported', report));
  for (const found of settings.damage) damage.report(found);
  const connections = new ConnectionService(settings, opts.secrets);
  const api = createApiService({
    connections,
    cacheDir: join(dataDir, 'cache'),
    emit,
    damage: damage.sink,
  });
  connections.onChange((id) => api.invalidate(id));
  connections.onForget((id) => void api.forgetCache(id).catch(() => undefined));

  let sandbox: EmbeddedSandbox | undefined;
  if (opts.startSandbox) {
    try {
      sandbox = await attachEmbeddedSandbox(connections, dataDir, opts.startSandbox, damage.sink);
    } catch (error) {
      notices.push(
        `The embedded sandbox could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  // The team workspace every store writes through (a local repository, synced when enabled).
  const workspace = await createWorkspaceFeature(
    { dataDir, emit, settings, connections, damage: damage.sink },
    opts.secrets,
  );
  notices.push(...workspace.startupNotices);
  const runbookStore = new RunbookStore({
    ws: workspace.ws,
    places: workspace.places,
    author: workspace.author,
    describe: (k) =>
      workspace.places.describe(k.connectionId, k.siteId, (p) => workspace.ws.read(p)),
    onChange: (l) => workspace.onChange((c) => l(c.paths)),
  });
  const snapshots = createSnapshotsFeature({ dataDir, emit, api, workspace });
  // What live tails fetch is kept for the event trace, so it searches that before paging the API.
  const retained = new RetainedLogs({ ...DEFAULT_RETAINED, now: Date.now });
  const tail = createTailFeature({ emit, api }, { retain: (t) => retained.feed(retainedKey(t)) });
  const trace = createTraceFeature({ emit, api }, retained);
  const changes = createChangesFeature({
    dataDir,
    emit: emitAndFollow,
    settings,
    api,
    snapshots: snapshots.service,
    runbooks: runbookStore,
    workspace,
    damage: damage.sink,
    // The alerts feature is built below (it reads the journal); this runs only once calls arrive.
    watchEventsOf: (connectionId, siteId, from, to) =>
      alerts.eventsOf(connectionId, siteId, from, to),
  });
  const runbooks = createRunbooksFeature({
    emit,
    settings,
    api,
    store: runbookStore,
    changesOf: (connectionId, siteId) => changes.statesOf(connectionId, siteId),
    workspace,
  });
  const alerts = createAlertsFeature({
    dataDir,
    emit,
    settings,
    secrets: opts.secrets,
    connections,
    api,
    snapshots: snapshots.service.store,
    damage: damage.sink,
    ours: (connectionId, siteId, target, since) =>
      changes.wroteSince({ connectionId, siteId, target }, since),
  });
  const fleet = createFleetFeature({
    emit,
    settings,
    connections,
    readHealth: (connectionId, siteId) => api.reads.health({ connectionId, siteId }, 'display'),
    cachedHealth: (connectionId, siteId) => api.cachedHealth(connectionId, siteId),
    readIntegrations: (connectionId, siteId, freshness) =>
      api.reads.integrations({ connectionId, siteId }, freshness),
    budget: (connectionId) => api.budget(connectionId),
    cells: {
      changesOf: (connectionId, siteId) =>
        changes.workflow.ctx.store
          .all()
          .filter((c) => c.connectionId === connectionId && c.siteId === siteId),
      runbook: (key) => runbookStore.get(key.connectionId, key.siteId, key.target),
      targets: (connectionId, siteId) => snapshots.service.store.targets(connectionId, siteId),
      snapshotBody: async (key, version) => (await snapshots.service.store.get(key, version)).body,
      now: Date.now,
    },
  });
  followChanges = (connectionId, siteId) =>
    void fleet.service.siteChanged(connectionId, siteId).catch(() => undefined);
  const rollouts = createRolloutsFeature({
    dataDir,
    emit,
    damage: damage.sink,
    sites: () => connections.listSites(),
    changes: changesPort(
      changes.workflow,
      async (key) =>
        (await runbookStore.get(key.connectionId, key.siteId, key.target)).businessCycleMinutes,
    ),
  });
  const features = [snapshots, tail, changes, runbooks, fleet, rollouts, alerts, trace, workspace];
  workspace.startSync(changes.ready);

  const handlers: Handlers = {
    ...createAppHandlers(
      opts.identity,
      settings,
      opts.secrets,
      () => notices,
      emit,
      opts.confirmInsecureSecrets,
    ),
    // "Test connection" and the check of a new site are asked for: live, never the offline copy.
    ...createConnectionHandlers(connections, async (connectionId, siteId) => {
      const list = await api.reads.integrations({ connectionId, siteId }, 'live');
      return list.data.map((i) => i.provider);
    }),
    ...createApiHandlers(api),
    ...snapshots.handlers,
    ...tail.handlers,
    ...changes.handlers,
    ...runbooks.handlers,
    ...fleet.handlers,
    ...rollouts.handlers,
    ...workspace.handlers,
    ...createDamageHandlers(damage, emit),
    ...alerts.handlers,
    ...trace.handlers,
  };

  // Every store has read its files before the first call: a lock or a damage notice is never missed.
  await Promise.all(features.map((f) => f.ready ?? Promise.resolve()));

  return {
    handlers,
    clientGone: (client) => {
      tail.clientGone(client);
      alerts.clientGone(client);
    },
    sandbox,
    damage,
    notify(level, message) {
      notices.push(message);
      emit('app.notice', { level, message });
    },
    async close() {
      await Promise.allSettled(features.map(async (f) => f.close?.()));
      await api.close();
      await sandbox?.close();
      await damage.flush();
    },
  };
}
