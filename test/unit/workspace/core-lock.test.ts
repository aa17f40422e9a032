import { afterEach, describe, expect, it } from 'vitest';
import { deadPort, faults, startFaultServer, type FaultServer } from '../../fakes/fault-proxy';
import { Harness } from '../changes/harness';

let h: Harness | undefined;
let silent: FaultServer | undefined;
afterEach(async () => {
  await h?.dispose();
  await silent?.close();
});

async function remoteAt(url: string) {
  await h!.call('workspace.configure', {
    url,
    branch: 'main',
    username: 'ada',
    token: 'git-token-0123456789',
  });
  await h!.call('workspace.enable', { enabled: true });
}

describe('the team workspace inside the core', () => {
  it('rollbacks never wait for sync or the lock: they finish while a sync hangs on a silent server', async () => {
    h = await new Harness().open();
    const key = { ...h.site, target: 'ga4' as const };
    const snap = await h.call('snapshots.take', { ...key, source: 'manual', label: 'before' });
    silent = await startFaultServer();
    silent.fault = faults.hang();
    await remoteAt(`${silent.url}/team.git`);
    let syncDone = false;
    void h.call('workspace.sync', {}).finally(() => (syncDone = true));
    await expect.poll(() => silent!.requests.length).toBeGreaterThan(0);

    const switched = await h.call('changes.rollback', { ...key, action: 'test_mode' });
    expect(switched.entries.at(-1)).toMatchObject({ type: 'closed', outcome: 'rolled_back' });
    const restored = await h.call('changes.rollback', {
      ...key,
      action: 'restore',
      version: snap.snapshot.version,
      id: snap.snapshot.id,
    });
    expect(restored.entries.some((e) => e.type === 'rollback' && e.ok)).toBe(true);
    expect(syncDone).toBe(false);
    const status = (await h.call('workspace.info', {})).status;
    expect(status.state).toBe('syncing');
  });

  it('Start change with the git server unreachable: refused until "team lock not confirmed" is accepted, which is journaled', async () => {
    h = await new Harness().open();
    await remoteAt(`http://127.0.0.1:${await deadPort()}/team.git`);
    const input = { ...h.site, target: 'meta' as const };
    await expect(h.call('changes.start', input)).rejects.toMatchObject({
      error: {
        kind: 'offline',
        message: expect.stringMatching(
          /^Team lock not confirmed: The git server cannot be reached/,
        ),
      },
    });
    expect(await h.call('changes.list', {})).toEqual([]);
    const view = await h.call('changes.start', { ...input, teamLock: { acceptUnconfirmed: true } });
    const note = view.entries.find((e) => e.type === 'team_lock');
    expect(note).toMatchObject({
      state: 'unconfirmed',
      detail: expect.stringMatching(/^Ada Ops accepted "team lock not confirmed"/),
    });
    await expect
      .poll(async () => (await h!.call('workspace.info', {})).status.state)
      .toBe('offline');
  });
});
