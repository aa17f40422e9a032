/* global window */
// npm run bench:logview [-- --quick]
// Builds the comparison page (test/bench/logview), then in ONE Chromium run feeds the same seeded
// stream to our log view and to @melloware/react-logviewer, interleaved A B B A, a fresh context
// per run. Prints a table and, on the last line, one JSON object with the figures and ratios.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { ON_TIME_P95_MS } from './lib/frames.mjs';

const root = resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const dist = join(root, 'test-results/bench-logview');
const D = quick
  ? { sustained: 10, burst: 4, compare: 5, runs: 1 }
  : { sustained: 60, burst: 10, compare: 15, runs: 2 };

const build = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    'test/bench/logview/vite.config.ts',
  ],
  { cwd: root, stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const file = join(dist, path === '/' ? 'index.html' : path);
  if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile())
    return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const executablePath =
  process.env.OPS_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ['--disable-gpu', '--no-first-run', '--enable-precise-memory-info'],
});

const pct = (xs, p) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const r1 = (x) => Math.round(x * 10) / 10;

async function heap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { heap: m.JSHeapUsedSize, nodes: m.Nodes };
}

async function open(query) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${origin}/?${new URLSearchParams(query)}`);
  await page.waitForFunction(() => window.__bench !== undefined);
  return { context, page, cdp };
}

/** One streaming run: frame times, LoAF blocking, arrival-to-visible, heap per retained line. */
async function run(impl, rate, seconds, mode = 'stream') {
  const { context, page, cdp } = await open({ impl, rate, seconds, buffer: 100000, mode });
  await page.waitForTimeout(300);
  const base = await heap(cdp);
  await page.waitForFunction(() => window.__bench.done, undefined, {
    timeout: (seconds + 120) * 1000,
    polling: 500,
  });
  const b = await page.evaluate(() => ({
    frames: window.__bench.frames,
    laf: window.__bench.lafBlocking,
    arrivals: window.__bench.arrivals,
    fed: window.__bench.fed,
  }));
  const end = await heap(cdp);
  await context.close();
  const frames = b.frames.slice(5);
  return {
    impl,
    rate,
    seconds,
    lines: b.fed,
    p50: r1(pct(frames, 50)),
    p95: r1(pct(frames, 95)),
    p99: r1(pct(frames, 99)),
    fps: r1(frames.length / (frames.reduce((s, x) => s + x, 0) / 1000)),
    lafBlockingMs: Math.round(b.laf),
    visibleP50: r1(pct(b.arrivals, 50)),
    visibleP95: r1(pct(b.arrivals, 95)),
    heapMB: r1(end.heap / 1048576),
    bytesPerLine: Math.round((end.heap - base.heap) / Math.min(b.fed, 100000)),
    domNodes: end.nodes,
  };
}

/** 100,000 retained lines: heap, DOM size, and the time of a search over all of them. */
async function retained() {
  const { context, page, cdp } = await open({ impl: 'ours', mode: 'static', buffer: 100000 });
  await page.waitForTimeout(300);
  const base = await heap(cdp);
  await page.evaluate(() => window.__bench.fill(100000));
  await page.waitForTimeout(500);
  const full = await heap(cdp);
  const searches = [];
  for (const text of ['checkout', 'UPSTREAM_5XX', '#99999', 'zzz-no-match', 'purchase'])
    searches.push(await page.evaluate((t) => window.__bench.search(t), text));
  await page.evaluate(() => window.__bench.search(''));
  // Regex include/exclude over the whole line of all 100,000 lines (the tail controls' filter).
  const regexes = [];
  for (const [inc, exc] of [
    ['purchase.*(UPSTREAM_5XX|TIMEOUT)', ''],
    ['^\\S+ GA4 (failed|retrying) ', ''],
    ['', 'page_view|product_view'],
    ['evt_[0-9a-z]+_[0-9a-z]*7', 'sent'],
    ['zzz-(no|none)-match', ''],
  ])
    regexes.push(await page.evaluate(([i, e]) => window.__bench.regex(i, e), [inc, exc]));
  const zod200 = await page.evaluate(() => window.__bench.zodCost(200));
  const zod2000 = await page.evaluate(() => window.__bench.zodCost(2000));
  await context.close();
  return {
    lines: 100000,
    heapMB: r1(full.heap / 1048576),
    addedMB: r1((full.heap - base.heap) / 1048576),
    bytesPerLine: Math.round((full.heap - base.heap) / 100000),
    domNodes: full.nodes,
    searchMs: r1(Math.max(...searches)),
    searchMsMedian: r1(pct(searches, 50)),
    regexMs: r1(Math.max(...regexes)),
    regexMsMedian: r1(pct(regexes, 50)),
    regexEachMs: regexes.map(r1),
    zodParseMsPer200: r1(zod200),
    zodParseMsPer2000: r1(zod2000),
  };
}

const results = { sustained: [], burst: [], compare: { ours: [], theirs: [] } };
const log = (label, r) =>
  console.log(
    `${label.padEnd(26)} p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms · ${r.fps} fps · LoAF ${r.lafBlockingMs} ms · visible p95 ${r.visibleP95} ms · heap ${r.heapMB} MB (${r.bytesPerLine} B/line) · DOM ${r.domNodes}`,
  );

// A B B A at 1,000 lines/s, repeated: the comparison the ratios come from.
for (let i = 0; i < D.runs; i++) {
  for (const impl of ['ours', 'theirs', 'theirs', 'ours']) {
    const r = await run(impl, 1000, D.compare);
    results.compare[impl].push(r);
    log(`${impl} 1000/s ${D.compare}s`, r);
  }
}
const s = await run('ours', 2000, D.sustained);
results.sustained.push(s);
log(`ours 2000/s ${D.sustained}s`, s);
const b = await run('ours', 10000, D.burst);
results.burst.push(b);
log(`ours 10000/s ${D.burst}s`, b);
// Two streams, one always late: each of its batches is merged into the buffer, not appended.
const m = await run('ours', 2000, D.sustained, 'merged');
log(`ours merged 2000/s ${D.sustained}s`, m);
const kept = await retained();
console.log(
  `ours 100k retained          heap ${kept.heapMB} MB (+${kept.addedMB} MB, ${kept.bytesPerLine} B/line) · DOM ${kept.domNodes} · search max ${kept.searchMs} ms · regex max ${kept.regexMs} ms · zod TailBatch parse ${kept.zodParseMsPer200} ms/200, ${kept.zodParseMsPer2000} ms/2000`,
);

await browser.close();
server.close();

const med = (rs, k) =>
  pct(
    rs.map((r) => r[k]),
    50,
  );
const ours = {
  p95: med(results.compare.ours, 'p95'),
  bytesPerLine: med(results.compare.ours, 'bytesPerLine'),
};
const theirs = {
  p95: med(results.compare.theirs, 'p95'),
  bytesPerLine: med(results.compare.theirs, 'bytesPerLine'),
};
const summary = {
  quick,
  sustained2000: {
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    lafBlockingMs: s.lafBlockingMs,
    visibleP95: s.visibleP95,
    domNodes: s.domNodes,
    ok: s.p95 <= ON_TIME_P95_MS && s.p99 <= 33,
  },
  burst10000: {
    p50: b.p50,
    p95: b.p95,
    p99: b.p99,
    lafBlockingMs: b.lafBlockingMs,
    visibleP95: b.visibleP95,
    domNodes: b.domNodes,
    ok: b.p95 <= ON_TIME_P95_MS && b.p99 <= 33,
  },
  mergedLate2000: {
    p50: m.p50,
    p95: m.p95,
    p99: m.p99,
    lafBlockingMs: m.lafBlockingMs,
    visibleP95: m.visibleP95,
    ok: m.p95 <= ON_TIME_P95_MS && m.p99 <= 33,
  },
  retained100k: { ...kept, ok: kept.heapMB <= 60 },
  search100kMs: kept.searchMs,
  searchOk: kept.searchMs <= 100,
  regex100kMs: kept.regexMs,
  regexOk: kept.regexMs <= 100,
  at1000: {
    ours: {
      p95: ours.p95,
      p99: med(results.compare.ours, 'p99'),
      bytesPerLine: ours.bytesPerLine,
      visibleP95: med(results.compare.ours, 'visibleP95'),
      domNodes: med(results.compare.ours, 'domNodes'),
    },
    reactLogviewer: {
      p95: theirs.p95,
      p99: med(results.compare.theirs, 'p99'),
      bytesPerLine: theirs.bytesPerLine,
      visibleP95: med(results.compare.theirs, 'visibleP95'),
      domNodes: med(results.compare.theirs, 'domNodes'),
    },
  },
  p95Ratio: r1(theirs.p95 / Math.max(0.1, ours.p95)),
  heapPerLineRatio: r1(theirs.bytesPerLine / Math.max(1, ours.bytesPerLine)),
};
console.log(JSON.stringify(summary));
