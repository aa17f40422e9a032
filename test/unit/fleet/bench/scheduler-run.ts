/**
 * bench:fleet, scheduler half: 200 fleet sites on a standalone sandbox at its default 600
 * requests/min, polled by the real core (request scheduler, fleet poller, offline cache) while an
 * "operator" makes an interactive call every 2 s. Prints figures; the last line is one JSON object.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from 'undici';
import { createCore } from '../../../../main/core/app-core';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-store';
import { createConfBackend } from '../../../../main/core/settings/conf-backend';
import { SettingsStore } from '../../../../main/core/settings/settings-store';
import { EventHub } from '../../../../main/host/event-hub';
import { fleetSites } from '../../../../main/sandbox/fleet';
import type { FleetConnectionStatus, FleetRow } from '../../../../shared/bridge/calls/fleet';
import { RequestLedger } from '../../../../shared/contract';

const quick = process.argv.includes('--quick');
const SITES = Number(process.env.FLEET_BENCH_SITES ?? 200);
const STEADY_S = quick ? 60 : 150;
const TOKEN = 'fleet-bench-token-0123456789';
const root = resolve(import.meta.dirname, '../../../..');
const dir = mkdtempSync(join(tmpdir(), 'fleet-bench-'));

/** The standalone sandbox, in its own process so its event loop never skews our latencies. */
async function startSandbox(): Promise<{ url: string; origin: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      join(root, 'out/main/sandbox.js'),
      ...['--port', '0', '--token', TOKEN, '--data', join(dir, 'sandbox')],
      ...['--sites', String(SITES), '--rate', '1', '--history', '20'],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Sandbox Integrations API: (\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`sandbox exited ${code}: ${out}`)));
  });
  return { url, origin: new URL(url).origin, stop: () => child.kill('SIGTERM') };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

const sandbox = await startSandbox();
const ledger = async (method = 'GET') => {
  const res = await request(`${sandbox.origin}/__sandbox/requests`, {
    method: method as 'GET',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const text = await res.body.text();
  return method === 'GET' ? RequestLedger.parse(JSON.parse(text)) : undefined;
};

const hub = new EventHub();
const settings = await SettingsStore.open(join(dir, 'app'), createConfBackend);
const core = await createCore({
  identity: { version: 'bench', mode: 'browser', dataDir: join(dir, 'app') },
  settings,
  secrets: new MemorySecretStore(),
  emit: hub.emit,
});
const h = core.handlers;
const ctx = { client: 'bench' };
const conn = await h['connections.save'](
  { name: 'Bench fleet', baseUrl: sandbox.url, authScheme: 'bearer', token: TOKEN },
  ctx,
);
// The sites are saved without the per-site API check (that check is `sites.import`, and it would
// spend the first minute's budget before the measurement starts).
const ids = fleetSites(42, SITES, sandbox.origin);
for (const s of ids)
  await h['sites.save']({ connectionId: conn.id, siteId: s.id, label: s.name }, ctx);

// Health reads per row, from the pushed rows (each new `health.at` is one read).
const reads = new Map<string, number[]>();
let status: FleetConnectionStatus | undefined;
const rows = new Map<string, FleetRow>();
hub.attach((name, payload) => {
  if (name !== 'fleet.rows') return;
  const p = payload as { rows: FleetRow[]; status: FleetConnectionStatus[] };
  status = p.status.find((s) => s.connectionId === conn.id) ?? status;
  for (const r of p.rows) {
    const prev = rows.get(r.key);
    if (r.health && r.health.at !== prev?.health?.at)
      reads.set(r.key, [...(reads.get(r.key) ?? []), Date.parse(r.health.at)]);
    rows.set(r.key, r);
  }
});

await ledger('DELETE');
const t0 = Date.now();
const first = await h['fleet.rows']({}, ctx);
// A screen shows about 30 rows: they are "visible" and read first, as the Fleet screen asks.
const visible = first.rows.slice(0, 30).map((r) => r.key);
await h['fleet.visible']({ keys: visible }, ctx);
const heartbeat = setInterval(() => void h['fleet.visible']({ keys: visible }, ctx), 5_000);

// The operator: an interactive read every 2 s, on a site of the fleet.
const interactive: { at: number; ms: number; loading: boolean }[] = [];
const operator = setInterval(() => {
  const site = ids[Math.floor(Math.random() * ids.length)]!;
  const started = performance.now();
  const loading = status?.completeAfterMs === undefined;
  void h['integrations.get'](
    { connectionId: conn.id, siteId: site.id, provider: 'ga4', freshness: 'display' },
    ctx,
  ).then(
    () => interactive.push({ at: Date.now(), ms: performance.now() - started, loading }),
    () => interactive.push({ at: Date.now(), ms: Infinity, loading }),
  );
}, 2_000);

while (status?.completeAfterMs === undefined) {
  await new Promise((r) => setTimeout(r, 250));
  if (Date.now() - t0 > 120_000) throw new Error('no complete picture within 120 s');
}
const firstPictureS = status.completeAfterMs / 1000;
const steadyFrom = Date.now();
process.stdout.write(
  `first complete picture after ${r1(firstPictureS)} s; steady state for ${STEADY_S} s…\n`,
);
await new Promise((r) => setTimeout(r, STEADY_S * 1000));
const steadyTo = Date.now();
clearInterval(operator);
clearInterval(heartbeat);

const server = (await ledger())!;
const minutes = (Date.now() - t0) / 60_000;
const perMinuteClient =
  ((status.budget.sent.background ?? 0) + (status.budget.sent.interactive ?? 0)) / minutes;
// Refresh intervals: the gaps between consecutive reads of a site that end in the steady window
// (a healthy site's previous read may be the first picture; counting reads alone would miss it).
const gaps = (key: string) => {
  const at = reads.get(key) ?? [];
  return at.slice(1).flatMap((t, i) => (t >= steadyFrom && t <= steadyTo ? [t - at[i]!] : []));
};
const seen = new Set(visible);
const classOf = (r: FleetRow) =>
  seen.has(r.key)
    ? 'visible'
    : r.health?.status === 'failing' || r.health?.status === 'error'
      ? 'failing'
      : r.health?.status === 'degraded'
        ? 'degraded'
        : 'calm';
const perClass = (c: string) => {
  const members = [...rows.values()].filter((r) => classOf(r) === c);
  const all = members.flatMap((r) => gaps(r.key));
  return { sites: members.length, medianIntervalS: all.length ? pct(all, 50) / 1000 : null };
};
const failing = perClass('failing');
const degraded = perClass('degraded');
const calm = perClass('calm');
const visibleClass = perClass('visible');
const loadingLatencies = interactive.filter((x) => x.loading).map((x) => x.ms);
const allLatencies = interactive.map((x) => x.ms);

const figures = {
  sites: SITES,
  rateLimitPerMinute: status.budget.limit ?? null,
  firstCompletePictureS: r1(firstPictureS),
  requestsPerMinuteServer: r1(
    server.total / ((Date.parse(new Date().toISOString()) - Date.parse(server.since)) / 60_000),
  ),
  requestsPerMinuteClient: r1(perMinuteClient),
  serverPerMinute: server.perMinute,
  rateLimited429: server.rateLimited,
  http429Total: server.byStatus['429'] ?? 0,
  interactiveWhileLoadingMs: {
    n: loadingLatencies.length,
    p50: r1(pct(loadingLatencies, 50)),
    p95: r1(pct(loadingLatencies, 95)),
    max: r1(Math.max(...loadingLatencies)),
  },
  interactiveAllMs: {
    n: allLatencies.length,
    p95: r1(pct(allLatencies, 95)),
    max: r1(Math.max(...allLatencies)),
  },
  refreshIntervalS: {
    visible: visibleClass.medianIntervalS && r1(visibleClass.medianIntervalS),
    failing: failing.medianIntervalS && r1(failing.medianIntervalS),
    degraded: degraded.medianIntervalS && r1(degraded.medianIntervalS),
    healthy: calm.medianIntervalS && r1(calm.medianIntervalS),
  },
  classSites: {
    failing: failing.sites,
    degraded: degraded.sites,
    healthy: calm.sites,
    visible: seen.size,
  },
  refreshRatioFailingToHealthy:
    calm.medianIntervalS && failing.medianIntervalS
      ? r1(calm.medianIntervalS / failing.medianIntervalS)
      : null,
  rounds: status.round,
};
process.stdout.write(
  [
    `sites                      ${SITES} (limit ${figures.rateLimitPerMinute}/min)`,
    `first complete picture     ${figures.firstCompletePictureS} s   (target <= 25 s; physical limit ${SITES / 10} s)`,
    `requests/min (server)      ${figures.requestsPerMinuteServer}   per minute: ${server.perMinute.join(', ')}`,
    `429 by the rate limit      ${figures.rateLimited429}   (target 0)`,
    `interactive while loading  p50 ${figures.interactiveWhileLoadingMs.p50} ms, p95 ${figures.interactiveWhileLoadingMs.p95} ms, max ${figures.interactiveWhileLoadingMs.max} ms (n=${figures.interactiveWhileLoadingMs.n}; target <= 1000)`,
    `refresh interval (median)  visible ${figures.refreshIntervalS.visible} s, failing ${figures.refreshIntervalS.failing} s, degraded ${figures.refreshIntervalS.degraded} s, healthy ${figures.refreshIntervalS.healthy} s`,
    `refresh ratio              ${figures.refreshRatioFailingToHealthy}x failing/healthy (target >= 4)`,
    '',
  ].join('\n'),
);
await core.close();
sandbox.stop();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ bench: 'fleet-scheduler', ...figures })}\n`);
process.exit(0);
