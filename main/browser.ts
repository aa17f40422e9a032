import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { OpsFailure } from '../shared/bridge';
import { createCore } from './core/app-core';
import { DamageRegister } from './core/damage/register';
import { defaultDataDir } from './core/data-dir';
import { sweepStrayTempFiles } from './core/fs/stray-temp';
import { FileSecretStore } from './core/secrets/file-store';
import { MemorySecretStore } from './core/secrets/memory-store';
import { createConfBackend } from './core/settings/conf-backend';
import { SettingsStore } from './core/settings/settings-store';
import { startBrowserServer } from './host/browser-server';
import { EventHub } from './host/event-hub';
import { installFaultHandlers } from './host/process-faults';
import { startSandbox } from './sandbox';
import pkg from '../package.json';

/**
 * Browser mode: the same core as the Electron app, run by plain Node and served to a local
 * browser on 127.0.0.1 with a launch token (like Jupyter).
 */
const faults = installFaultHandlers();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      data: { type: 'string' },
      'insecure-file-secrets': { type: 'boolean', default: false },
      'allow-insecure-secrets': { type: 'boolean', default: false },
      'no-sandbox': { type: 'boolean', default: false },
      'sandbox-rate': { type: 'string' },
      'sandbox-sites': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got "${values.port}"`);
  const dataDir = resolve(values.data ?? defaultDataDir());
  const sandboxRate =
    values['sandbox-rate'] === undefined ? undefined : Number(values['sandbox-rate']);
  if (sandboxRate !== undefined && !(sandboxRate >= 0 && sandboxRate <= 2000))
    throw new Error(
      `--sandbox-rate must be 0-2000 events per second per site, got "${values['sandbox-rate']}"`,
    );
  const fleetSites = values['sandbox-sites'] === undefined ? 0 : Number(values['sandbox-sites']);
  if (!Number.isInteger(fleetSites) || fleetSites < 0 || fleetSites > 990)
    throw new Error(
      `--sandbox-sites must be 0-990 generated fleet sites, got "${values['sandbox-sites']}"`,
    );
  const hub = new EventHub();
  // Before any store opens: no write is in flight, so leftover temp files are only debris.
  await sweepStrayTempFiles(dataDir);
  const damage = await DamageRegister.open(dataDir);
  const secrets = values['insecure-file-secrets']
    ? new FileSecretStore(dataDir, damage.sink)
    : new MemorySecretStore();
  const settings = await SettingsStore.open(dataDir, createConfBackend);
  const allowInsecure = values['allow-insecure-secrets'];
  const core = await createCore({
    identity: { version: pkg.version, mode: 'browser', dataDir },
    settings,
    secrets,
    emit: hub.emit,
    damage,
    // The page cannot confirm this by itself: the operator did, or did not, start browser mode
    // with the flag (a terminal prompt would hang a scripted start and can be answered unseen).
    confirmInsecureSecrets: () =>
      allowInsecure
        ? Promise.resolve(true)
        : Promise.reject(
            new OpsFailure({
              kind: 'cancelled',
              message:
                'In browser mode, token storage without an OS keyring can only be allowed by starting browser mode with --allow-insecure-secrets.',
            }),
          ),
    ...(values['no-sandbox']
      ? {}
      : {
          startSandbox: (o) =>
            startSandbox({
              ...o,
              rateLimitPerMinute: 6000,
              historyEvents: fleetSites > 50 ? 100 : 500,
              fleetSites,
              ...(sandboxRate === undefined ? {} : { eventsPerSecond: sandboxRate }),
            }),
        }),
  });
  const staticDir = resolve(import.meta.dirname, '../renderer');
  faults.attach((message) => core.notify('error', message));
  const server = await startBrowserServer({
    port,
    staticDir,
    handlers: core.handlers,
    hub,
    clientGone: core.clientGone,
  });
  process.stdout.write(
    `Integration Ops (browser mode), data in ${dataDir}\nOpen this URL in your browser:\n${server.launchUrl}\n`,
  );

  const stop = () => {
    void Promise.allSettled([server.close(), core.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Integration Ops could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
