/**
 * Loopback load on the sandbox: req/s and p99 for list, health and logs, and the cost of a deep
 * log page (offset 40,000) against the first one. The server (scripts/bench-sandbox-server.ts, its
 * bundle path in argv[2]) runs in a child process so the load generator does not share its event
 * loop. Last line: one JSON object of the figures.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

interface Ready {
  url: string;
  siteId: string;
  token: string;
}

async function run(name: string, url: string, token: string, seconds: number) {
  const r = await autocannon({
    url,
    connections: 10,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  if (r.non2xx || r.errors || r.timeouts)
    throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  return { rps: Math.round(r.requests.average), p99Ms: r.latency.p99, meanMs: r.latency.mean };
}

async function main(): Promise<void> {
  const server = process.argv[2];
  if (!server) throw new Error('usage: sandbox-bench <server bundle>');
  const child = spawn(process.execPath, [server], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`sandbox exited early (${String(code)})`)));
    });
    const ready = JSON.parse(first) as Ready;
    const base = `${ready.url}/sites/${ready.siteId}/integrations`;
    const logs = (offset: number) => `${base}/ga4/logs?offset=${offset}&limit=500`;
    const probe = (await (
      await fetch(logs(40_000), { headers: { authorization: `Bearer ${ready.token}` } })
    ).json()) as { entries: unknown[]; total: number };
    if (probe.entries.length !== 500)
      throw new Error(`the GA4 stream holds only ${probe.total} entries`);

    const list = await run('list', base, ready.token, 4);
    console.log(`list    ${list.rps} req/s  p99 ${list.p99Ms} ms`);
    const health = await run('health', `${base}/health`, ready.token, 4);
    console.log(`health  ${health.rps} req/s  p99 ${health.p99Ms} ms`);
    // Interleaved A B B A A B B A, 2 s each, medians: the machine is shared and noisy, and order
    // effects (GC, JIT warm-up, a neighbour's build) cancel out instead of landing on one side.
    const shallowRuns: Awaited<ReturnType<typeof run>>[] = [];
    const deepRuns: Awaited<ReturnType<typeof run>>[] = [];
    for (const which of ['A', 'B', 'B', 'A', 'A', 'B', 'B', 'A']) {
      if (which === 'A') shallowRuns.push(await run('logs0', logs(0), ready.token, 2));
      else deepRuns.push(await run('logs40k', logs(40_000), ready.token, 2));
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((p, q) => p - q);
      return (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
    };
    const summarise = (runs: typeof shallowRuns) => ({
      rps: Math.round(median(runs.map((r) => r.rps))),
      p99Ms: median(runs.map((r) => r.p99Ms)),
    });
    const shallow = summarise(shallowRuns);
    const deep = summarise(deepRuns);
    console.log(`logs@0      ${shallow.rps} req/s  p99 ${shallow.p99Ms} ms  (limit 500)`);
    console.log(`logs@40000  ${deep.rps} req/s  p99 ${deep.p99Ms} ms  (limit 500)`);
    // Cost per request = 1 / throughput; deep/shallow must stay within 1.5.
    const costRatio = +(shallow.rps / deep.rps).toFixed(3);
    console.log(
      `deep/shallow cost ratio ${costRatio} (budget 1.5) ${costRatio <= 1.5 ? 'OK' : 'OVER BUDGET'}`,
    );
    console.log(
      JSON.stringify({
        list: { rps: list.rps, p99Ms: list.p99Ms },
        health: { rps: health.rps, p99Ms: health.p99Ms },
        logsOffset0: { rps: shallow.rps, p99Ms: shallow.p99Ms },
        logsOffset40000: { rps: deep.rps, p99Ms: deep.p99Ms },
        deepToShallowCostRatio: costRatio,
        withinBudget: costRatio <= 1.5,
      }),
    );
    if (costRatio > 1.5) process.exitCode = 1;
  } finally {
    child.stdin.end();
    child.kill('SIGTERM');
  }
}

await main();
