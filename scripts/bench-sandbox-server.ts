/**
 * The server half of `npm run bench:sandbox`: a sandbox with deep log history, in its own process
 * so the load generator does not share its event loop. Prints one JSON line when ready and stops
 * when its stdin closes. (Kept out of test/bench, whose tsconfig does not see main/.)
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../main/sandbox/index';
import { serveUntilStdinEnds } from './lib/serve-until-stdin-ends';

const dir = await mkdtemp(join(tmpdir(), 'sandbox-bench-'));
const token = randomBytes(16).toString('hex');
// 45,000 events of history: the GA4 stream of the first site holds more than 40,000 entries.
const sb = await startSandbox({
  token,
  dataDir: dir,
  port: 0,
  seed: 1,
  eventsPerSecond: 5,
  rateLimitPerMinute: 1e9,
  historyEvents: 45_000,
});
process.stdout.write(`${JSON.stringify({ url: sb.url, siteId: sb.siteIds[0], token })}\n`);
serveUntilStdinEnds(() => sb.close(), dir);
