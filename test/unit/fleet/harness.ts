import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../main/core/app-core';
import { MemorySecretStore } from '../../../main/core/secrets/memory-store';
import { createConfBackend } from '../../../main/core/settings/conf-backend';
import { SettingsStore } from '../../../main/core/settings/settings-store';
import { EventHub } from '../../../main/host/event-hub';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../main/sandbox';
import type { CallContext } from '../../../shared/bridge';

export const TOKEN = 'fleet-test-token-0123456789';

export interface FleetHarness {
  sb: RunningSandbox;
  core: Core;
  ctx: CallContext;
  events: { name: string; payload: any }[];
  connectionId: string;
  dataDir: string;
  /** Stops the core (the app) and starts it again on the same data folder. */
  restartCore(): Promise<void>;
  stop(): Promise<void>;
}

async function coreOn(dataDir: string, hub: EventHub, secrets: MemorySecretStore): Promise<Core> {
  const settings = await SettingsStore.open(dataDir, createConfBackend);
  // The token outlives a restart, as in the desktop app's keyring: a rollout resumes inside
  // createCore, before anyone could enter a token again.
  return createCore({
    identity: { version: 'test', mode: 'browser', dataDir },
    settings,
    secrets,
    emit: hub.emit,
  });
}

/** A fleet sandbox over real HTTP and a real core (no embedded sandbox) pointed at it. */
export async function fleetHarness(opts: Partial<SandboxOptions> = {}): Promise<FleetHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-'));
  const sb = await startSandbox({
    token: TOKEN,
    dataDir: join(dir, 'sandbox'),
    port: 0,
    seed: 42,
    eventsPerSecond: 20,
    retryBaseMs: 5,
    ...opts,
  });
  const hub = new EventHub();
  const events: FleetHarness['events'] = [];
  hub.attach((name, payload) => events.push({ name, payload }));
  const dataDir = join(dir, 'app');
  const secrets = new MemorySecretStore();
  let core = await coreOn(dataDir, hub, secrets);
  const ctx: CallContext = { client: 'test' };
  const conn = await core.handlers['connections.save'](
    { name: 'Fleet', baseUrl: sb.url, authScheme: 'bearer', token: TOKEN },
    ctx,
  );
  const h: FleetHarness = {
    sb,
    core,
    ctx,
    events,
    connectionId: conn.id,
    dataDir,
    async restartCore() {
      await core.close();
      core = await coreOn(dataDir, hub, secrets);
      h.core = core;
    },
    async stop() {
      await core.close();
      await sb.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
