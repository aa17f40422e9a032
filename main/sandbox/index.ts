import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { SandboxContext } from './context';
import { RequestLedger } from './request-ledger';
import { ScenarioBook } from './scenarios/book';
import { fleetSites, missingFleetSites } from './fleet';
import { seedSites } from './seed';
import { createSandboxServer } from './server';
import { SiteState } from './state';
import { Pipeline } from './sim/pipeline';
import { Scheduler } from './sim/scheduler';
import { Streams } from './sim/streams';
import { WebhookDispatcher } from './sim/webhook-dispatch';
import { WebhookSender } from './sim/webhook-delivery';
import { SCHEMA_VERSION } from './store/schema';
import type { SiteRecord } from './store/schema';
import { SiteStore, type LoadResult, type SandboxDamage } from './store/site-store';

export interface SandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 = a random free port. */
  port?: number;
  token: string;
  dataDir: string;
  seed?: number;
  /** Per site; default 5. 0 stops the generator (the API still works). */
  eventsPerSecond?: number;
  allowExternalWebhooks?: boolean;
  /** Per client token; default 600. */
  rateLimitPerMinute?: number;
  /** Entries kept per log stream; default 50,000. */
  logRingSize?: number;
  /** Base of the simulated retry backoff; default 500 ms. Webhook schedules scale by base/500. */
  retryBaseMs?: number;
  /** Events of history backfilled per site at start (logs not empty on the first screen); default 0. */
  historyEvents?: number;
  /**
   * Generated fleet sites besides the two demo shops (deterministic under `seed`); default 0.
   * Sites already in the data folder are kept; missing ones are added.
   */
  fleetSites?: number;
  /** Where a damaged data file is reported (the app shows it on screen); default stderr. */
  onDamage?: (damage: SandboxDamage) => void;
}

export interface RunningSandbox {
  /** The API base URL, e.g. http://127.0.0.1:PORT/api/v1 */
  url: string;
  origin: string;
  port: number;
  siteIds: string[];
  /** Every site with its shop name, in order (the demo shops first). */
  sites: { id: string; name: string }[];
  close(): Promise<void>;
}

const RECEIVER_PATH = /^\/__receiver\//;

/** Seeded webhooks deliver to our own receiver; the port changes each launch, so follow it. */
function rebaseReceiverUrls(site: SiteRecord, origin: string): boolean {
  let changed = false;
  for (const hook of site.webhooks) {
    const u = new URL(hook.url);
    if (
      RECEIVER_PATH.test(u.pathname) &&
      (u.hostname === '127.0.0.1' || u.hostname === 'localhost') &&
      u.origin !== origin
    ) {
      hook.url = `${origin}${u.pathname}`;
      changed = true;
    }
  }
  return changed;
}

/**
 * A site whose file was damaged comes back from the demo seed (or, for a generated fleet site, from
 * the fleet seed), alone: the intact sites keep their configs (they used to be re-seeded too). A
 * damaged id the seed does not know is dropped.
 */
async function restoreDamaged(
  store: SiteStore,
  loaded: Extract<LoadResult, { kind: 'loaded' }>,
  origin: string,
): Promise<SiteRecord[]> {
  const seeded = loaded.damagedIds.length
    ? [
        ...seedSites(loaded.meta.seed, origin),
        ...fleetSites(loaded.meta.seed, loaded.meta.siteIds.length, origin),
      ]
    : [];
  const sites = loaded.meta.siteIds.flatMap(
    (id) => loaded.sites.find((s) => s.id === id) ?? seeded.find((s) => s.id === id) ?? [],
  );
  if (sites.length === 0) return sites; // nothing usable: the caller seeds afresh
  for (const s of sites) if (loaded.damagedIds.includes(s.id)) await store.saveSite(s);
  if (loaded.metaRebuilt || sites.length !== loaded.meta.siteIds.length)
    await store.saveMeta({ ...loaded.meta, siteIds: sites.map((s) => s.id) });
  return sites;
}

export async function startSandbox(opts: SandboxOptions): Promise<RunningSandbox> {
  if (!opts.token) throw new Error('startSandbox: a token is required');
  const host = opts.host ?? '127.0.0.1';
  const seed = opts.seed ?? 42;
  const retryBaseMs = opts.retryBaseMs ?? 500;
  const dataDir = resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });

  let ctx: SandboxContext | undefined;
  const ledger = new RequestLedger();
  const server = createSandboxServer(
    () => {
      if (!ctx) throw new Error('sandbox not ready');
      return ctx;
    },
    { token: opts.token, rateLimitPerMinute: opts.rateLimitPerMinute ?? 600, seed, ledger },
  );
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shownHost}:${port}`;

  const scheduler = new Scheduler();
  const sender = new WebhookSender(opts.allowExternalWebhooks ?? false);
  try {
    const store = new SiteStore(dataDir, opts.onDamage);
    const loaded = await store.load(seed);
    let sites = loaded.kind === 'loaded' ? await restoreDamaged(store, loaded, origin) : [];
    if (sites.length === 0) {
      sites = seedSites(seed, origin);
      for (const s of sites) await store.saveSite(s);
      await store.saveMeta({
        schemaVersion: SCHEMA_VERSION,
        seed,
        siteIds: sites.map((s) => s.id),
      });
    }
    const added = missingFleetSites(
      sites,
      loaded.kind === 'loaded' ? loaded.meta.seed : seed,
      opts.fleetSites ?? 0,
      origin,
    );
    if (added.length) {
      sites = [...sites, ...added];
      for (const s of added) await store.saveSite(s);
      await store.saveMeta({
        schemaVersion: SCHEMA_VERSION,
        seed: loaded.kind === 'loaded' ? loaded.meta.seed : seed,
        siteIds: sites.map((s) => s.id),
      });
    }
    for (const s of sites) if (rebaseReceiverUrls(s, origin)) await store.saveSite(s);

    const state = new SiteState(store, sites);
    const streams = new Streams(opts.logRingSize ?? 50_000);
    const scenarios = new ScenarioBook();
    const webhooks = new WebhookDispatcher(sender, streams, scheduler, retryBaseMs / 500);
    const pipeline = new Pipeline({
      state,
      streams,
      scenarios,
      scheduler,
      webhooks,
      seed,
      eventsPerSecond: opts.eventsPerSecond ?? 5,
      retryBaseMs,
    });
    const receiverCredentials = new Map(
      sites.flatMap((s) =>
        s.webhooks.map(
          (w) => [`${s.id}/${w.id}`, { authType: w.authType, authConfig: w.authConfig }] as const,
        ),
      ),
    );
    ctx = {
      state,
      streams,
      scenarios,
      pipeline,
      webhooks,
      scheduler,
      ledger,
      allowExternalWebhooks: opts.allowExternalWebhooks ?? false,
      origin: () => origin,
      receiverCredentials,
    };
    pipeline.backfill(opts.historyEvents ?? 0);
    pipeline.start();

    let closing: Promise<void> | undefined;
    return {
      url: `${origin}/api/v1`,
      origin,
      port,
      siteIds: state.order.slice(),
      sites: state.all().map((s) => ({ id: s.id, name: s.name })),
      close: () =>
        (closing ??= (async () => {
          scheduler.close();
          server.closeAllConnections();
          await new Promise<void>((ok) => server.close(() => ok()));
          await sender.close();
          await store.flush();
        })()),
    };
  } catch (err) {
    scheduler.close();
    server.closeAllConnections();
    server.close();
    await sender.close();
    throw err;
  }
}
