import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startSandbox } from './index';

const USAGE = `Usage: npm run sandbox -- [--port 4010] [--host 127.0.0.1] [--token T] [--data DIR] [--seed N]
       [--rate EVENTS_PER_SECOND] [--rate-limit REQUESTS_PER_MINUTE] [--log-ring-size N]
       [--retry-base-ms MS] [--history EVENTS_PER_SITE] [--sites FLEET_SITES]
       [--allow-external-webhooks]`;

const Int = (min: number) => z.coerce.number().int().min(min);
const Flags = z.object({
  port: Int(0).max(65535).default(4010),
  host: z.string().default('127.0.0.1'),
  token: z.string().min(8, 'use a token of at least 8 characters').optional(),
  data: z.string().default('.sandbox-data'),
  seed: Int(0).default(42),
  rate: z.coerce.number().min(0).max(5000).default(5),
  'rate-limit': Int(1).default(600),
  'log-ring-size': Int(1).default(50_000),
  'retry-base-ms': Int(0).default(500),
  history: Int(0).max(1_000_000).default(500),
  sites: Int(0).max(990).default(0),
  'allow-external-webhooks': z.boolean().default(false),
  help: z.boolean().default(false),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      data: { type: 'string' },
      seed: { type: 'string' },
      rate: { type: 'string' },
      'rate-limit': { type: 'string' },
      'log-ring-size': { type: 'string' },
      'retry-base-ms': { type: 'string' },
      history: { type: 'string' },
      sites: { type: 'string' },
      'allow-external-webhooks': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const parsed = Flags.safeParse(values);
  if (!parsed.success) {
    process.stderr.write(
      `${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}\n`,
    );
    process.exit(2);
  }
  const f = parsed.data;
  if (f.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // A token from the environment keeps it out of `ps` output; a generated one is printed once.
  const token = f.token ?? process.env.SANDBOX_TOKEN ?? randomBytes(24).toString('base64url');
  const sb = await startSandbox({
    host: f.host,
    port: f.port,
    token,
    dataDir: f.data,
    seed: f.seed,
    eventsPerSecond: f.rate,
    rateLimitPerMinute: f['rate-limit'],
    logRingSize: f['log-ring-size'],
    retryBaseMs: f['retry-base-ms'],
    historyEvents: f.history,
    fleetSites: f.sites,
    allowExternalWebhooks: f['allow-external-webhooks'],
  });
  process.stdout.write(`Sandbox Integrations API: ${sb.url}\n`);
  if (!f.token && !process.env.SANDBOX_TOKEN) process.stdout.write(`Token: ${token}\n`);
  // A fleet prints one site a line (id, then name): ready to paste into the app's site import.
  const sites =
    sb.sites.length > 4
      ? `Sites (${sb.sites.length}):\n${sb.sites.map((s) => `${s.id},${s.name}`).join('\n')}`
      : `Sites: ${sb.siteIds.join(', ')}`;
  process.stdout.write(`${sites}\nDrills: ${sb.origin}/__sandbox/scenarios\n`);
  const stop = () => {
    sb.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
