import { describe, expect, it } from 'vitest';
import type { HttpError } from '../../../main/sandbox/errors';
import { RateLimiter } from '../../../main/sandbox/rate-limit';
import { RequestBudget, RateLimitedUntil } from '../../../main/core/scheduler/request-budget';
import type { Priority } from '../../../main/core/scheduler/priority';
import { ManualClock } from '../tail/manual-clock';

/**
 * The sandbox's own fixed-window limiter stands in for the API, on a clock the test moves: every
 * granted request is answered after `latencyMs` with the limiter's real headers (or its 429).
 */
function simulatedApi(
  clock: ManualClock,
  budget: RequestBudget,
  perMinute: number,
  latencyMs = 40,
) {
  const limiter = new RateLimiter(perMinute, () => clock.now());
  const log: { at: number; priority: Priority; status: number; waitedMs: number }[] = [];
  async function request(priority: Priority): Promise<number> {
    const asked = clock.now();
    const lease = await budget.acquire(priority);
    const waitedMs = clock.now() - asked;
    await new Promise<void>((r) => clock.setTimer(r, latencyMs));
    let status = 200;
    let headers: Record<string, string>;
    try {
      headers = limiter.take('token');
    } catch (error) {
      status = (error as HttpError).status;
      headers = (error as HttpError).headers ?? {};
    }
    budget.settle(lease, { status, headers });
    log.push({ at: clock.now(), priority, status, waitedMs });
    return status;
  }
  return { request, log };
}

describe('the per-connection request scheduler', () => {
  it('reads 200 sites at 600/min in ~22 s with a 10% reserve, answers interactive calls at once, and never meets a 429', async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget(clock);
    const api = simulatedApi(clock, budget, 600);
    // The fleet keeps a few reads queued, as its poller does.
    let left = 200;
    let doneAt = 0;
    const worker = async () => {
      while (left > 0) {
        left--;
        await api.request('background');
      }
      doneAt = Math.max(doneAt, clock.now());
    };
    const start = clock.now();
    const workers = [worker(), worker(), worker()];
    // An operator clicks every 2 s while the fleet loads, and a refresh loop keeps polling after.
    const clicks: Promise<number>[] = [];
    for (let t = 0; t < 120_000; t += 2_000) {
      clock.setTimer(() => clicks.push(api.request('interactive')), t + 500);
    }
    let more = 0;
    const steady = async () => {
      while (clock.now() - start < 120_000) {
        more++;
        await api.request('background');
      }
    };
    await clock.advance(25_000);
    await Promise.all(workers);
    const steadyLoops = [steady(), steady()];
    await clock.advance(100_000);
    await Promise.all([...steadyLoops, ...clicks]);

    expect(doneAt - start).toBeLessThanOrEqual(23_500);
    expect(doneAt - start).toBeGreaterThanOrEqual(19_000);
    expect(api.log.filter((r) => r.status === 429)).toEqual([]);
    const interactive = api.log.filter((r) => r.priority === 'interactive');
    expect(interactive).toHaveLength(60);
    expect(Math.max(...interactive.map((r) => r.waitedMs))).toBeLessThanOrEqual(100);
    // Never more than the limit in any minute of the server's windows.
    expect(api.log.length).toBeLessThanOrEqual(2 * 600 + 5);
    expect(more).toBeGreaterThan(100);
    expect(budget.view().limit).toBe(600);
  });

  it('paces background at half the rate once the reserve is half, and keeps that half free', async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget(clock);
    const api = simulatedApi(clock, budget, 600);
    const learn = api.request('background'); // learns the limit
    await clock.advance(100);
    await learn;
    budget.setReserve(0.5);
    let n = 0;
    const end = clock.now() + 30_000;
    const loop = async () => {
      while (clock.now() < end) {
        await api.request('background');
        n++;
      }
    };
    const loops = [loop(), loop(), loop(), loop()];
    await clock.advance(31_000);
    await Promise.all(loops);
    // 5 per second for ~30 s.
    expect(n).toBeGreaterThanOrEqual(140);
    expect(n).toBeLessThanOrEqual(160);
  });

  it("honours a 429's Retry-After for every caller, and refuses callers who would wait past their limit", async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget(clock);
    const lease = await budget.acquire('background');
    budget.settle(lease, { status: 429, headers: { 'retry-after': '5' } });
    await clock.advance(1_000);
    let granted = 0;
    void budget.acquire('interactive').then(() => granted++);
    void budget.acquire('background').then(() => granted++);
    const refused = budget.acquire('interactive', undefined, 2_000).catch((e: unknown) => e);
    await clock.advance(10);
    expect(await refused).toBeInstanceOf(RateLimitedUntil);
    await clock.advance(3_900);
    expect(granted).toBe(0);
    await clock.advance(200);
    expect(granted).toBeGreaterThanOrEqual(1);
    expect(budget.view().rateLimited).toBe(1);
  });

  it.each([0.1, 0.5])(
    'an API limited to 30/min still serves bulk and background at a %s reserve (a one-request bucket starved them)',
    async (reserve) => {
      const clock = new ManualClock();
      const budget = new RequestBudget(clock);
      const api = simulatedApi(clock, budget, 30);
      const learn = api.request('interactive');
      await clock.advance(100);
      await learn;
      budget.setReserve(reserve);
      const calls = [api.request('bulk'), api.request('background'), api.request('bulk')];
      await clock.advance(60_000);
      expect(await Promise.all(calls)).toEqual([200, 200, 200]);
      // And never faster than the API allows.
      expect(api.log.filter((l) => l.status === 429)).toEqual([]);
    },
  );

  it('probes with one request until the API has answered, then goes at its pace', async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget(clock);
    const leases: unknown[] = [];
    for (let i = 0; i < 3; i++) void budget.acquire('interactive').then((l) => leases.push(l));
    await clock.advance(5_000);
    expect(leases).toHaveLength(1);
    budget.settle(leases[0] as never, {
      status: 200,
      headers: {
        'x-ratelimit-limit': '6000',
        'x-ratelimit-remaining': '5999',
        'x-ratelimit-reset': '60',
      },
    });
    await clock.advance(100);
    expect(leases).toHaveLength(3);
  });

  it('serves bulk before background and stops both at the reserve the server says is left', async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget(clock);
    const first = await budget.acquire('interactive');
    // 600 a minute, but only 3 left in this window, which resets in 30 s; and wait 1 s first.
    budget.settle(first, {
      status: 429,
      headers: {
        'retry-after': '1',
        'x-ratelimit-limit': '600',
        'x-ratelimit-remaining': '3',
        'x-ratelimit-reset': '30',
      },
    });
    const order: string[] = [];
    void budget.acquire('background').then(() => order.push('background'));
    void budget.acquire('bulk').then(() => order.push('bulk'));
    void budget.acquire('interactive').then(() => order.push('interactive'));
    await clock.advance(2_000);
    // The reserve keeps the last tokens of the window for the operator.
    expect(order).toEqual(['interactive', 'bulk']);
    await clock.advance(30_000);
    expect(order).toEqual(['interactive', 'bulk', 'background']);
  });

  it('a caller that gives up while waiting leaves the queue', async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget(clock);
    const first = await budget.acquire('interactive');
    const stop = new AbortController();
    const waiting = budget.acquire('background', stop.signal).catch((e: unknown) => e);
    expect(budget.view().waiting.background).toBe(1);
    stop.abort(new Error('closed'));
    expect(((await waiting) as Error).message).toBe('closed');
    expect(budget.view().waiting.background).toBe(0);
    budget.settle(first);
  });

  it('an API that never says its limit: a fallback pace that slows down after each 429', async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget(clock, { fallbackLimit: 300 });
    const l1 = await budget.acquire('background');
    budget.settle(l1, { status: 200, headers: {} });
    expect(budget.view().perMinute).toBe(300);
    const next = budget.acquire('interactive');
    await clock.advance(1_000);
    budget.settle(await next, { status: 429, headers: {} });
    expect(budget.view().perMinute).toBe(210);
    expect(budget.view().blockedForMs).toBe(1_000);
  });

  it("lets an operator's burst of 45 calls (a trace paging back) go at once while the fleet keeps polling, and still meets no 429", async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget(clock);
    const api = simulatedApi(clock, budget, 600);
    const start = clock.now();
    let polling = true;
    const poll = async () => {
      while (polling) await api.request('background');
    };
    const pollers = [poll(), poll(), poll()];
    // The fleet has been polling for a while: its pace must leave the operator's burst in the bucket.
    await clock.advance(20_000);
    const askedAt = clock.now();
    const burst = Array.from({ length: 45 }, () => api.request('interactive'));
    await clock.advance(6_000);
    const statuses = await Promise.all(burst);
    polling = false;
    await clock.advance(2_000);
    await Promise.all(pollers);

    expect(statuses.every((s) => s === 200)).toBe(true);
    const waits = api.log.filter((r) => r.priority === 'interactive').map((r) => r.waitedMs);
    // At the old 1 s depth the 45th call waited ~3.5 s (the API's average pace of 10/s).
    expect(Math.max(...waits)).toBeLessThanOrEqual(200);
    expect(clock.now() - askedAt).toBeLessThan(10_000);
    expect(api.log.filter((r) => r.status === 429)).toEqual([]);
    // The quiet share stays paced at (1 - reserve) of the rate whatever the operator does.
    const background = api.log.filter((r) => r.priority === 'background').length;
    expect(background).toBeLessThanOrEqual(9 * ((clock.now() - start) / 1000) + 12);
  });

  it('a limit announced above the assumed one is room at once: the bucket stays as full as it was', async () => {
    const clock = new ManualClock();
    const budget = new RequestBudget(clock); // assumes 300/min until told
    const api = simulatedApi(clock, budget, 600);
    const first = api.request('interactive');
    await clock.advance(100);
    await first;
    const burst = Array.from({ length: 150 }, () => api.request('interactive'));
    await clock.advance(20_000);
    await Promise.all(burst);
    const waits = api.log.filter((r) => r.priority === 'interactive').map((r) => r.waitedMs);
    // A bucket left at the assumed 300/min depth (100) made the last 50 wait ~5 s.
    expect(Math.max(...waits)).toBeLessThanOrEqual(200);
    expect(api.log.filter((r) => r.status === 429)).toEqual([]);
  });
});
