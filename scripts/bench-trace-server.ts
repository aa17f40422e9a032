/**
 * The server half of `npm run bench:trace`, in its own process so the traces do not share its
 * event loop: a sandbox whose first site has 3 providers and 2 webhooks (both subscribed to every
 * event), each stream's ring full at 50,000 entries of history at the default 5 events/s, and the
 * default rate limit of 600 requests per minute. Prints one JSON line when ready (the events to
 * trace, picked from the logs), and stops when its stdin closes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { LogsPage, type LogEntry } from '../shared/contract';
import { startSandbox } from '../main/sandbox/index';
import { serveUntilStdinEnds } from './lib/serve-until-stdin-ends';

const dir = await mkdtemp(join(tmpdir(), 'trace-bench-'));
const token = randomBytes(16).toString('hex');
const HISTORY = 50_000;

async function api(base: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) {
  const res = await request(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

// First start: two webhooks on every event, then restart so the history fills their rings too.
const setup = await startSandbox({ token, dataDir: dir, port: 0, seed: 3, eventsPerSecond: 0 });
const site = setup.siteIds[0]!;
const hooks = `/sites/${site}/integrations/webhooks`;
const list = (await api(setup.url, 'GET', hooks)).webhooks as Record<string, unknown>[];
for (const h of list) await api(setup.url, 'PUT', `${hooks}/${String(h.id)}`, { ...h, events: [] });
const created = await api(setup.url, 'POST', hooks, {
  name: 'Events to warehouse',
  url: `${setup.origin}/__receiver/${site}/pending`,
  events: [],
  authType: 'none',
});
await api(setup.url, 'PUT', `${hooks}/${String(created.id)}`, {
  ...created,
  url: `${setup.origin}/__receiver/${site}/${String(created.id)}`,
});
await setup.close();

const sb = await startSandbox({
  token,
  dataDir: dir,
  port: 0,
  seed: 3,
  eventsPerSecond: 5,
  historyEvents: HISTORY,
});

async function page(path: string, offset: number): Promise<LogEntry[]> {
  const body = await api(
    sb.url,
    'GET',
    `/sites/${site}/integrations/${path}/logs?limit=500&offset=${offset}`,
  );
  return LogsPage.parse(body).entries;
}

/** A purchase about `ageMin` minutes old, with its order id, from the GA4 stream. */
async function purchaseAged(ageMin: number) {
  const offset = Math.round(ageMin * 60 * 5);
  const entries = await page('ga4', offset);
  const hit = entries.find((e) => e.event === 'purchase' && e.payload?.transaction_id);
  if (!hit) throw new Error(`no purchase around offset ${offset}`);
  return {
    eventId: hit.eventId,
    orderId: String(hit.payload!.transaction_id),
    ageSec: Math.round((Date.now() - Date.parse(hit.timestamp)) / 1000),
  };
}

const totals: Record<string, number> = {};
for (const p of ['ga4', 'meta', 'gads']) {
  const body = await api(sb.url, 'GET', `/sites/${site}/integrations/${p}/logs?limit=1`);
  totals[p] = Number(body.total);
}
const hookList = (await api(sb.url, 'GET', hooks)).webhooks as { id: string; name: string }[];
for (const h of hookList) {
  const body = await api(sb.url, 'GET', `${hooks}/${h.id}/logs?limit=1`);
  totals[h.name] = Number(body.total);
}

process.stdout.write(
  `${JSON.stringify({
    url: sb.url,
    siteId: site,
    token,
    ringTotals: totals,
    old: await purchaseAged(12),
    recent: await purchaseAged(2),
    fresh: await purchaseAged(0.5),
  })}\n`,
);
serveUntilStdinEnds(() => sb.close(), dir);
