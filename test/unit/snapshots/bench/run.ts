/**
 * bench:snapshots — the snapshot store at 10,000 versions (all in ONE provider's history: the worst
 * case for listing). Seeding writes valid version files directly (no fsync) to keep the run short;
 * every measured operation goes through the real store. Last line: one JSON object of the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sha256Of } from '../../../../main/core/snapshots/body';
import { monotonicFactory } from 'ulid';
import { mapLimit } from '../../../../main/core/snapshots/read-version';
import type { SnapshotStore } from '../../../../main/core/snapshots/store';
import { targetDir } from '../../../../main/core/workspace/layout';
import { openStore } from '../helpers';
import { diffIntegration, trafficFromLogs } from '../../../../shared/domain/diff';

const VERSIONS = Number(process.env.SNAPSHOT_BENCH_VERSIONS ?? 10_000);
const key = {
  connectionId: 'sandbox',
  siteId: '3f1c2a9e-4b5d-4c6e-8f70-112233445566',
  target: 'meta' as const,
};

function body(n: number, mappings: number): Record<string, unknown> {
  const eventMapping: Record<string, string> = {};
  for (let i = 0; i < mappings; i++)
    eventMapping[`event_${i}`] = `Provider_${i}_${i % 7 === 0 ? n : 0}`;
  const eventFilters: Record<string, unknown> = {};
  for (let i = 0; i < mappings / 20; i++)
    eventFilters[`event_${i}`] = {
      enabled: true,
      conditions: [{ field: 'order.total', operator: 'gte', value: i % 3 === 0 ? n : 1 }],
    };
  return {
    enabled: true,
    testMode: false,
    config: { pixelId: '123456789012345', accessToken: '••••abcd' },
    eventMapping,
    reverseEventMapping: {},
    eventFilters,
  };
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}
async function median(runs: number, fn: (i: number) => unknown): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push((await time(() => fn(i)))[0]);
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)]!;
}
const r1 = (n: number) => Math.round(n * 10) / 10;

const root = mkdtempSync(join(tmpdir(), 'snap-bench-'));
try {
  const dir = join(
    root,
    'workspace',
    targetDir({ env: 'test-env', siteId: key.siteId }, 'meta'),
    'versions',
  );
  await mkdir(dir, { recursive: true });
  const ulid = monotonicFactory();
  const ids = Array.from({ length: VERSIONS }, (_, i) =>
    ulid(1_767_600_000_000 + (i + 1) * 60_000),
  );
  const [seedMs] = await time(() =>
    mapLimit(
      Array.from({ length: VERSIONS }, (_, i) => i + 1),
      64,
      async (v) => {
        const b = body(v, 40);
        const id = ids[v - 1]!;
        const record = {
          schemaVersion: 1,
          id,
          siteId: key.siteId,
          target: key.target,
          sha256: sha256Of(b),
          source: v % 10 === 0 ? 'baseline' : 'manual',
          label: `v${v}`,
          author: { name: 'Bench', email: 'bench@example.com' },
          takenAt: new Date(1_767_600_000_000 + v * 60_000).toISOString(),
          body: b,
        };
        await writeFile(join(dir, `${id}.json`), JSON.stringify(record));
      },
    ),
  );
  console.log(`seeded ${VERSIONS} versions in ${r1(seedMs)} ms`);

  const opened = await openStore(root);
  const [rebuildMs, list0] = await time(() => opened.store.list(key));
  console.log(`cold list (read + parse ${list0.length} version files): ${r1(rebuildMs)} ms`);
  await opened.ws.close();
  const again = await openStore(root);
  const [coldListMs] = await time(() => again.store.list(key));
  console.log(`cold open + list again: ${r1(coldListMs)} ms`);

  const store: SnapshotStore = again.store;
  await store.list(key);
  const listMs = await median(21, () => store.list(key));
  console.log(`list one provider's history (${VERSIONS} versions, warm): ${r1(listMs)} ms median`);

  const openMs = await median(51, (i) => store.get(key, 1 + ((i * 7919) % VERSIONS)));
  console.log(`open a version (read + schema + sha-256 check): ${r1(openMs)} ms median`);

  const a = body(1, 2000);
  const b = body(2, 2000);
  delete (b.eventMapping as Record<string, string>).event_5;
  const logs = Array.from({ length: 500 }, (_, i) => ({
    event: `event_${i % 50}`,
    status: 'sent' as const,
    payload: { order: { total: i } },
  }));
  const evidence = {
    traffic: trafficFromLogs(logs),
    samples: logs.map((l) => ({ event: l.event, payload: l.payload })),
  };
  const diff = diffIntegration(a, b, evidence);
  const diffMs = await median(21, () => diffIntegration(a, b, evidence));
  console.log(
    `diff two 2,000-mapping configs (${diff.mappings.length} mapping, ${diff.filters.length} filter changes, ${diff.critical.length} critical): ${r1(diffMs)} ms median`,
  );

  const appendMs = await median(21, (i) =>
    store.append(key, { body: body(VERSIONS + 1 + i, 40), source: 'manual' }),
  );
  console.log(`take (append + commit to the workspace): ${r1(appendMs)} ms median`);
  await again.ws.close();
  const figures = {
    versions: VERSIONS,
    listMs: r1(listMs),
    coldListWithIndexMs: r1(coldListMs),
    openVersionMs: r1(openMs),
    diff2000Ms: r1(diffMs),
    coldIndexRebuildMs: r1(rebuildMs),
    appendMs: r1(appendMs),
    pass: listMs < 100 && openMs < 20 && diffMs < 50,
  };
  console.log(JSON.stringify(figures));
} finally {
  rmSync(root, { recursive: true, force: true });
}
