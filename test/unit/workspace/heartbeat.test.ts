import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockHeartbeat, type HeldLock } from '../../../main/core/workspace/heartbeat';
import { HEARTBEAT_MS, STALE_AFTER_MS } from '../../../main/core/workspace/team-lock';
import { startGitServer, type GitServer } from '../../fakes/git-server';
import { ManualClock } from '../tail/manual-clock';
import { cleanup, laptop, type Laptop } from './helpers';

// Issue 16 item 4: the holder's app refreshes the heartbeat of its lock every 5 minutes; a lock
// may be taken over only once its heartbeat is older than 30 minutes. Two laptops, a real git
// server, and one clock the test moves (both the heartbeat's timer and "now" read it).
const site = { env: 'api.example.com', siteId: '3f1c2a9e-1b2c-4d5e-8f90-0000000000bb' };
const MIN = 60_000;

let server: GitServer;
const clock = new ManualClock();
const T0 = clock.now();
const now = () => new Date(clock.now());
const at = (ms: number) => new Date(T0 + ms).toISOString();
let ada: Laptop;
let bob: Laptop;

beforeAll(async () => {
  server = await startGitServer();
  ada = await laptop('Ada Ops', server, { now });
  bob = await laptop('Bob Oncall', server, { now });
});
afterAll(async () => {
  await ada.ws.close();
  await bob.ws.close();
  await server.close();
  cleanup(ada.dataDir, bob.dataDir);
});

const holder = (name: string, changeId: string) => ({
  changeId,
  target: 'meta' as const,
  operator: { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com` },
  since: now().toISOString(),
});

/** The heartbeat of the lock as Bob's laptop sees it after a sync. */
async function heartbeatSeenByBob(): Promise<string | undefined> {
  await bob.ws.sync();
  return (await bob.ws.lock.read(site))?.heartbeat;
}

const bobTakesOver = (takeOver: boolean) =>
  bob.ws.lock.acquire(site, holder('Bob Oncall', 'chg-bob'), bob.remote, { takeOver });

describe('the team lock heartbeat (manual clock)', () => {
  it('is refreshed every 5 minutes while the holder runs; taken over only past 30 minutes of silence', async () => {
    expect(HEARTBEAT_MS).toBe(5 * MIN);
    expect(STALE_AFTER_MS).toBe(30 * MIN);
    await ada.ws.lock.acquire(site, holder('Ada Ops', 'chg-ada'), ada.remote, {});
    const held: HeldLock[] = [{ site, changeId: 'chg-ada' }];
    const running = new LockHeartbeat(ada.ws.lock, () => held, clock);
    expect(await heartbeatSeenByBob()).toBe(at(0));

    // An hour of Ada's app running: a fresh heartbeat every 5 minutes, none in between, and Bob
    // can never take over, not even with the explicit confirmation.
    for (let beat = 1; beat <= 12; beat++) {
      await clock.advance(HEARTBEAT_MS - 1);
      expect(await heartbeatSeenByBob()).toBe(at((beat - 1) * HEARTBEAT_MS));
      await clock.advance(1);
      await expect.poll(heartbeatSeenByBob, { timeout: 30_000 }).toBe(at(beat * HEARTBEAT_MS));
      if (beat % 6 === 0)
        await expect(bobTakesOver(true)).rejects.toMatchObject({
          error: { kind: 'conflict', current: { teamLock: { canTakeOver: false } } },
        });
    }
    const last = 12 * HEARTBEAT_MS;

    // Ada's app stops (closed, a laptop asleep): the heartbeat stops with it.
    await running.stop();
    await clock.advance(STALE_AFTER_MS - MIN);
    expect(await heartbeatSeenByBob()).toBe(at(last));
    await expect(bobTakesOver(true)).rejects.toMatchObject({
      error: {
        kind: 'conflict',
        message: expect.stringMatching(
          /ask them or take over once it has been idle for 30 minutes/,
        ),
        current: { teamLock: { operator: 'Ada Ops', canTakeOver: false } },
      },
    });

    // Past 30 minutes of silence: refused without the confirmation, taken over with it.
    await clock.advance(2 * MIN);
    await expect(bobTakesOver(false)).rejects.toMatchObject({
      error: {
        kind: 'conflict',
        message: expect.stringMatching(/with no sign of life since/),
        current: { teamLock: { operator: 'Ada Ops', heartbeat: at(last), canTakeOver: true } },
      },
    });
    const taken = await bobTakesOver(true);
    expect(taken).toMatchObject({ confirmed: true, tookOverFrom: { changeId: 'chg-ada' } });

    // Ada's app comes back: its heartbeat finds the lock is no longer its own and leaves it.
    await ada.ws.sync();
    const back = new LockHeartbeat(ada.ws.lock, () => held, clock);
    await clock.advance(HEARTBEAT_MS);
    await back.stop(); // waits for the beat the advance started
    await ada.ws.sync();
    expect((await ada.ws.lock.read(site))?.changeId).toBe('chg-bob');
    expect(await heartbeatSeenByBob()).toBe(at(last + STALE_AFTER_MS + MIN));
  });
});
