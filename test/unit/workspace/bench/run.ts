/**
 * bench:sync — the team workspace at 100 sites x 4 targets x 50 versions (20,000 version files)
 * plus runbooks and change journals, against a real git server (git's http-backend) on loopback.
 * Figures: first clone, sync of one change (~5 files) pushed by one laptop and pulled by the
 * other, lock acquire, one target's history list, and app start with vs. without the workspace.
 * Last line: one JSON object with the figures.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { monotonicFactory } from 'ulid';
import { createCore } from '../../../../main/core/app-core';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-store';
import { createConfBackend } from '../../../../main/core/settings/conf-backend';
import { SettingsStore } from '../../../../main/core/settings/settings-store';
import { sha256Of } from '../../../../main/core/snapshots/body';
import { SnapshotStore } from '../../../../main/core/snapshots/store';
import { WORKSPACE_TOKEN_REF } from '../../../../main/core/workspace/feature';
import {
  journalPath,
  markPath,
  runbookPath,
  versionPath,
} from '../../../../main/core/workspace/layout';
import type { FileWrite } from '../../../../main/core/workspace/repository';
import type { RemoteConfig } from '../../../../main/core/workspace/sync';
import { Workspace } from '../../../../main/core/workspace/workspace';
import { EventHub } from '../../../../main/host/event-hub';
import { startSandbox } from '../../../../main/sandbox';
import { startGitServer } from '../../../fakes/git-server';

const quick = process.argv.includes('--quick');
const SITES = quick ? 10 : 100;
const TARGETS = ['ga4', 'meta', 'gads', 'data-layer'] as const;
const VERSIONS = 50;
const ENV = 'api.selwise.example';
const r1 = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}
const siteId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const author = { name: 'Bench Ops', email: 'bench@example.com' };

function body(site: number, v: number) {
  const eventMapping: Record<string, string> = {};
  for (let i = 0; i < 30; i++) eventMapping[`event_${i}`] = `Provider_${i}_${(v + i) % 5}`;
  return {
    enabled: true,
    testMode: v % 7 === 0,
    config: { pixelId: `${100000 + site}`, accessToken: '••••abcd' },
    eventMapping,
    reverseEventMapping: {},
    eventFilters: { purchase: { enabled: true, conditions: [] } },
  };
}

function seedFiles(): FileWrite[] {
  const files: FileWrite[] = [];
  const ulid = monotonicFactory();
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  for (let s = 0; s < SITES; s++) {
    const site = { env: ENV, siteId: siteId(s) };
    for (const target of TARGETS) {
      let last = '';
      for (let v = 0; v < VERSIONS; v++) {
        const at = t0 + (s * 1000 + v) * 60_000;
        const id = ulid(at);
        last = id;
        const b = body(s, v);
        files.push({
          path: versionPath(site, target, id),
          text: JSON.stringify({
            schemaVersion: 1,
            id,
            siteId: site.siteId,
            target,
            sha256: sha256Of(b),
            source: v % 10 === 0 ? 'baseline' : 'manual',
            label: `v${v + 1}`,
            author,
            takenAt: new Date(at).toISOString(),
            body: b,
          }),
        });
      }
      const mark = ulid(t0 + (s * 1000 + VERSIONS) * 60_000);
      files.push({
        path: markPath(site, target, mark),
        text: JSON.stringify({
          schemaVersion: 1,
          id: mark,
          versionId: last,
          knownGood: true,
          author,
          at: new Date(t0).toISOString(),
        }),
      });
      files.push({
        path: runbookPath(site, target),
        text: JSON.stringify({
          schemaVersion: 1,
          runbook: {
            owner: 'Bench Ops',
            escalation: [],
            businessCycleMinutes: 60,
            rollbackControls: [],
            notes: '',
          },
          fieldBy: {},
          updatedAt: new Date(t0).toISOString(),
          updatedBy: 'Bench Ops',
          conflicts: [],
        }),
      });
    }
    for (let c = 0; c < 2; c++) {
      const changeId = `chg-20260101-${String(s).padStart(4, '0')}${c}abc`;
      const lines = [
        {
          seq: 1,
          at: new Date(t0).toISOString(),
          type: 'started',
          changeId,
          connectionId: 'conn-bench',
          siteId: site.siteId,
          target: 'meta',
          operator: 'Bench Ops',
          kind: 'change',
        },
        { seq: 2, at: new Date(t0 + 1000).toISOString(), type: 'note', text: 'bench' },
        { seq: 3, at: new Date(t0 + 2000).toISOString(), type: 'closed', outcome: 'abandoned' },
      ];
      files.push({
        path: journalPath(site, changeId),
        text: lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
      });
    }
  }
  return files;
}

async function openLaptop(name: string, remote: RemoteConfig | undefined, dataDir: string) {
  return Workspace.open({
    dataDir,
    author: () => ({ name, email: `${name.toLowerCase()}@example.com` }),
    remote: () => Promise.resolve(remote),
    laptop: name.toLowerCase(),
  });
}

/**
 * App start as an operator sees it in browser mode: settings, secrets, the core with its embedded
 * sandbox (the default connection), until the change journal answers (every store ready).
 */
async function coreStart(dataDir: string, remote?: RemoteConfig): Promise<number> {
  const t0 = performance.now();
  const settings = await SettingsStore.open(dataDir, createConfBackend);
  const secrets = new MemorySecretStore();
  if (remote) {
    await secrets.set(WORKSPACE_TOKEN_REF, remote.token);
    settings.update((d) => ({
      ...d,
      workspace: {
        url: remote.url,
        branch: remote.branch,
        username: remote.username,
        enabled: true,
      },
    }));
  }
  const hub = new EventHub();

  const core = await createCore({
    identity: { version: 'bench', mode: 'browser', dataDir },
    settings,
    secrets,
    emit: hub.emit,
    startSandbox: (o) => startSandbox({ ...o, eventsPerSecond: 0, historyEvents: 50 }),
  });
  await core.handlers['changes.list']({}, { client: 'bench' });
  const ms = performance.now() - t0;
  await core.close();
  return ms;
}

const BROWSER = resolve(import.meta.dirname, '../../../../out/main/browser.js');

/** The app as an operator starts it (browser mode, embedded sandbox): spawn until it serves. */
async function processStart(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BROWSER, '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((ok, fail) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m.test(out)) ok();
    });
    child.once('exit', (code) => fail(new Error(`browser mode exited ${code}: ${out}`)));
  });
  const ms = performance.now() - t0;
  await new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
  return ms;
}

const root = mkdtempSync(join(tmpdir(), 'ops-bench-sync-'));
const server = await startGitServer();
try {
  const remote: RemoteConfig = {
    url: server.url,
    branch: 'main',
    username: server.username,
    token: server.password,
  };
  const files = seedFiles();
  const versionCount = files.filter((f) => f.path.includes('/versions/')).length;
  const seeder = await openLaptop('Seeder', remote, join(root, 'seed'));
  const [seedMs] = await time(() => seeder.repo.commit(files, 'Seed the bench workspace'));
  const [pushMs] = await time(() => seeder.sync());
  if (seeder.status().state !== 'synced')
    throw new Error(`seed push failed: ${seeder.status().lastError}`);
  console.log(
    `seeded ${files.length} files (${versionCount} versions) in one commit: ${r1(seedMs)} ms; first push ${r1(pushMs)} ms`,
  );
  await seeder.close();

  // First clone: a new laptop enables the workspace and syncs.
  const aDir = join(root, 'a');
  const a = await openLaptop('Ada', remote, aDir);
  const [cloneMs] = await time(() => a.sync());
  if (a.status().state !== 'synced') throw new Error(`clone failed: ${a.status().lastError}`);
  console.log(
    `first clone (fetch ${files.length} files, merge, write the folder): ${r1(cloneMs)} ms`,
  );
  const bDir = join(root, 'b');
  const b = await openLaptop('Bob', remote, bDir);
  await b.sync();

  // One change, about 5 files: a version, a mark, two journal lines, a runbook.
  const push: number[] = [];
  const pull: number[] = [];
  const ulid = monotonicFactory();
  for (let i = 0; i < (quick ? 5 : 11); i++) {
    const site = { env: ENV, siteId: siteId(i % SITES) };
    const id = ulid();
    const change: FileWrite[] = [
      {
        path: versionPath(site, 'meta', id),
        text: JSON.stringify({
          schemaVersion: 1,
          id,
          siteId: site.siteId,
          target: 'meta',
          sha256: sha256Of(body(i, 999)),
          source: 'after_change',
          author,
          takenAt: new Date().toISOString(),
          body: body(i, 999),
        }),
      },
      {
        path: markPath(site, 'meta', ulid()),
        text: JSON.stringify({
          schemaVersion: 1,
          id: 'X',
          versionId: id,
          knownGood: true,
          author,
          at: new Date().toISOString(),
        }),
      },
      { path: `sites/${ENV}/${site.siteId}/changes/chg-bench-${i}.jsonl`, text: '' },
      {
        path: runbookPath(site, 'ga4'),
        text: (await a.read(runbookPath(site, 'ga4')))!.replace('"notes":""', `"notes":"run ${i}"`),
      },
      { path: `sites/${ENV}/${site.siteId}/changes/chg-bench-${i}.draft.json`, text: '' },
    ];
    change[1]!.text = change[1]!.text!.replace(
      '"id":"X"',
      `"id":"${change[1]!.path.slice(-31, -5)}"`,
    );
    await a.repo.commit(
      change.filter((f) => f.text !== ''),
      `bench change ${i}`,
    );
    const [pushOne] = await time(() => a.push());
    const [pullOne] = await time(() => b.sync());
    if ((await b.read(change[0]!.path)) === undefined) throw new Error('the change did not arrive');
    push.push(pushOne);
    pull.push(pullOne);
  }
  console.log(
    `sync of one change (~5 files): commit pushed ${r1(median(push))} ms median, pull+merge ${r1(median(pull))} ms median`,
  );

  // Lock acquire: pull, compare-and-swap commit, push; released between runs.
  const lockMs: number[] = [];
  for (let i = 0; i < (quick ? 5 : 11); i++) {
    const site = { env: ENV, siteId: siteId(i % SITES) };
    const holder = {
      changeId: `chg-lock-${i}`,
      target: 'meta' as const,
      operator: author,
      since: new Date().toISOString(),
    };
    const [ms, got] = await time(() => a.lock.acquire(site, holder, remote, {}));
    if (!got.confirmed) throw new Error('lock not confirmed');
    lockMs.push(ms);
    await a.lock.release(site, holder.changeId);
    await a.sync();
  }
  console.log(`lock acquire (pull + commit + push): ${r1(median(lockMs))} ms median`);

  // A target's history: 50 versions, read cold (a fresh store) and warm.
  const store = () =>
    new SnapshotStore({
      ws: a,
      places: { site: (_c: string, s: string) => ({ env: ENV, siteId: s }) },
      author: () => author,
      describe: () => Promise.resolve([]),
      onChange: () => undefined,
    });
  const key = { connectionId: 'conn-bench', siteId: siteId(SITES - 1), target: 'gads' as const };
  const cold: number[] = [];
  for (let i = 0; i < 11; i++) cold.push((await time(() => store().list(key)))[0]);
  const warmStore = store();
  await warmStore.list(key);
  const warm: number[] = [];
  for (let i = 0; i < 11; i++) warm.push((await time(() => warmStore.list(key)))[0]);
  console.log(
    `history of one target (${VERSIONS} versions): cold ${r1(median(cold))} ms, warm ${r1(median(warm))} ms median`,
  );
  await a.close();
  await b.close();

  // App start: the core with this workspace (cloned, remote enabled) vs. an empty data folder.
  // "Without": the same app on a data folder whose workspace is empty (created by a first start).
  const withWs: number[] = [];
  const without: number[] = [];
  const empty = join(root, 'empty');
  await coreStart(empty);
  await coreStart(aDir, remote);
  for (let i = 0; i < (quick ? 3 : 11); i++) {
    without.push(await coreStart(empty));
    withWs.push(await coreStart(aDir, remote));
  }
  const coreRatio = median(withWs) / median(without);
  console.log(
    `core ready incl. every journal loaded: ${r1(median(withWs))} ms with the workspace, ${r1(median(without))} ms without (ratio ${coreRatio.toFixed(2)})`,
  );
  // App start as an operator sees it: browser mode from spawn until it serves the first screen.
  const appWith: number[] = [];
  const appWithout: number[] = [];
  if (existsSync(BROWSER)) {
    // One start of each first (the bundle and the folders into the OS file cache), then pairs
    // alternated so a change in the machine's load hits both sides alike.
    await processStart(empty);
    await processStart(aDir);
    for (let i = 0; i < (quick ? 3 : 11); i++) {
      appWithout.push(await processStart(empty));
      appWith.push(await processStart(aDir));
    }
  } else console.log('(run `npm run build` first to measure browser-mode start)');
  const startRatio = appWith.length ? median(appWith) / median(appWithout) : coreRatio;
  if (appWith.length)
    console.log(
      `app start (browser mode, spawn to serving): ${r1(median(appWith))} ms with the workspace, ${r1(median(appWithout))} ms without (ratio ${startRatio.toFixed(2)})`,
    );

  const figures = {
    sites: SITES,
    versions: versionCount,
    files: files.length,
    firstCloneMs: r1(cloneMs),
    syncPushMs: r1(median(push)),
    syncPullMs: r1(median(pull)),
    lockAcquireMs: r1(median(lockMs)),
    historyColdMs: r1(median(cold)),
    historyWarmMs: r1(median(warm)),
    coreReadyWithMs: r1(median(withWs)),
    coreReadyWithoutMs: r1(median(without)),
    coreReadyRatio: Math.round(coreRatio * 100) / 100,
    ...(appWith.length
      ? { startWithMs: r1(median(appWith)), startWithoutMs: r1(median(appWithout)) }
      : {}),
    startRatio: Math.round(startRatio * 100) / 100,
    pass:
      cloneMs <= 60_000 &&
      median(push) <= 1000 &&
      median(pull) <= 1000 &&
      median(lockMs) <= 1500 &&
      median(cold) <= 100 &&
      startRatio <= 1.2,
  };
  console.log(JSON.stringify(figures));
} finally {
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
