import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../main/sandbox';
import { TOKEN, SITE } from '../api/harness';
import { startLogServer } from './log-server';
import { sleep, tailOverHttp, until } from './http-harness';

/**
 * The sandbox generates in this very process, on a shared 2-core machine: the harness's
 * fault-test limits (1 s deadline, 1 MB bodies) would turn ordinary slowness into errors.
 */
const RELAXED = {
  deadlineMs: 20_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 15_000,
  maxResponseBytes: 10 * 1024 * 1024,
};

/** Ids delivered plus ids declared missing must tile the range exactly: no duplicate, no miss. */
function accountFor(ids: number[], gaps: { afterId: number; beforeId: number; missing: number }[]) {
  const covered = new Map<number, number>();
  for (const id of ids) covered.set(id, (covered.get(id) ?? 0) + 1);
  for (const g of gaps)
    for (let id = g.afterId + 1; id < g.beforeId; id++) covered.set(id, (covered.get(id) ?? 0) + 1);
  const first = Math.min(...ids);
  const last = Math.max(...ids);
  const twice = [...covered].filter(([, n]) => n > 1).map(([id]) => id);
  const absent: number[] = [];
  for (let id = first; id <= last; id++) if (!covered.has(id)) absent.push(id);
  return { twice, absent, first, last };
}

describe('tail over HTTP against the sandbox', () => {
  let sandbox: RunningSandbox;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tail-sandbox-'));
    sandbox = await startSandbox({
      token: TOKEN,
      dataDir,
      port: 0,
      eventsPerSecond: 1200,
      rateLimitPerMinute: 1_000_000,
    });
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers 10,000 entries produced faster than one page per poll: no duplicate, no miss', async () => {
    const t = tailOverHttp(sandbox.url, {}, RELAXED);
    const { tailId } = await t.start(sandbox.siteIds[0]!, 'ga4');
    await until(() => t.ids(tailId).length >= 10_000, 50_000, '10,000 entries');
    await t.stop(tailId);
    const ids = t.ids(tailId);
    expect(t.gaps(tailId)).toEqual([]);
    const { twice, absent } = accountFor(ids, []);
    expect(twice).toEqual([]);
    expect(absent).toEqual([]);
    expect(t.gaps(tailId)).toEqual([]);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const last = t.statuses(tailId).at(-1)!;
    expect(last.state).toBe('stopped');
    // More than one page per poll on average: production outran a single page.
    expect(last.requests).toBeGreaterThan(last.polls);
    await t.dispose();
  }, 60_000);

  it('reports an exact gap when production outpaces paging by design', async () => {
    const t = tailOverHttp(
      sandbox.url,
      { walker: { minLimit: 100, maxLimit: 100, maxPages: 1 } },
      RELAXED,
    );
    const { tailId } = await t.start(sandbox.siteIds[0]!, 'ga4');
    await until(() => t.gaps(tailId).length >= 3, 20_000, 'three gaps');
    await t.stop(tailId);
    const gaps = t.gaps(tailId);
    expect(gaps.every((g) => g.exact)).toBe(true);
    const { twice, absent } = accountFor(t.ids(tailId), gaps);
    expect(twice).toEqual([]);
    expect(absent).toEqual([]);
    await t.dispose();
  }, 30_000);
});

describe('tail over HTTP against a controllable server', () => {
  it('honours 429 Retry-After: waits the time asked, no tight loop, and shows the rate limit', async () => {
    const server = await startLogServer({
      script: [
        { status: 200 },
        { status: 429, headers: { 'retry-after': '3' } },
        { status: 200 },
        { status: 429, headers: { 'retry-after': '1' } },
      ],
    });
    // The API client waits out a Retry-After up to 2 s itself; longer ones come back as rate_limited.
    const t = tailOverHttp(server.url, {}, { retryAfterCapMs: 2000 });
    const { tailId } = await t.start(SITE, 'ga4');
    await until(() => server.arrivals.length >= 6, 15_000, 'six requests');
    await t.stop(tailId);
    const a = server.arrivals;
    expect(a[2]! - a[1]!).toBeGreaterThanOrEqual(2900); // 429 + Retry-After: 3 -> tail waits 3 s
    expect(a[4]! - a[3]!).toBeGreaterThanOrEqual(950); // 429 + Retry-After: 1 -> client retries after 1 s
    const limited = t.statuses(tailId).find((s) => s.state === 'rate_limited');
    expect(limited?.error).toMatchObject({ kind: 'rate_limited' });
    expect(limited?.error?.retryAt).toBeDefined();
    await t.dispose();
    await server.close();
  }, 30_000);

  it('stops at once on unsubscribe: no request after it, even with one in flight', async () => {
    const server = await startLogServer({ delayMs: 300 });
    const t = tailOverHttp(server.url);
    const { tailId } = await t.start(SITE, 'ga4');
    await until(() => server.arrivals.length >= 3, 10_000, 'three requests');
    // Stop while the third request is being answered.
    expect(await t.stop(tailId)).toEqual({ stopped: true });
    const stoppedAt = Date.now();
    const count = server.arrivals.length;
    await sleep(3500);
    expect(server.arrivals.length).toBe(count);
    expect(server.arrivals.every((at) => at <= stoppedAt)).toBe(true);
    const delivered = t.batches.length;
    await sleep(500);
    expect(t.batches.length).toBe(delivered);
    await t.dispose();
    await server.close();
  }, 20_000);

  it('shows errors instead of swallowing them, and backs off', async () => {
    const server = await startLogServer({
      script: [{ status: 200 }, { status: 500 }, { status: 500 }, { status: 500 }],
    });
    const t = tailOverHttp(server.url);
    const { tailId } = await t.start(SITE, 'ga4');
    await until(() => t.statuses(tailId).some((s) => s.error), 10_000, 'an error status');
    await t.stop(tailId);
    const failed = t.statuses(tailId).find((s) => s.error)!;
    expect(failed.state).toBe('backoff');
    expect(failed.error!.kind).toBe('http');
    await t.dispose();
    await server.close();
  }, 20_000);
});
