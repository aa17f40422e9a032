/* global document, requestAnimationFrame */
// npm run bench:fleet [-- --quick] [-- --only scheduler|renderer]
// Two halves, one run:
//  1. the request scheduler (test/unit/fleet/bench/scheduler-run.ts): 200 sites on a standalone
//     sandbox at its default 600 requests/min, polled by the real core while an "operator" makes an
//     interactive call every 2 s;
//  2. the Fleet screen in Chromium (browser mode with a 200-site embedded sandbox, which allows
//     6,000 requests/min, so the rows refresh as fast as a fleet ever does): frame times while rows
//     update and the grid scrolls, and the renderer's heap.
// Prints figures, then one JSON line with both halves.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { DROPPED_FRAME_MS, ON_TIME_P95_MS } from './lib/frames.mjs';

const root = resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const only = process.argv[process.argv.indexOf('--only') + 1];
const run = (half) => !process.argv.includes('--only') || only === half;
const SECONDS = quick ? 10 : 30;
const r1 = (x) => Math.round(x * 10) / 10;
const pct = (xs, p) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

// ---- 1. the scheduler ----
let scheduler;
if (run('scheduler')) {
  const sched = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/tsx/dist/cli.mjs'),
      'test/bench/fleet-scheduler.ts',
      ...(quick ? ['--quick'] : []),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  process.stdout.write(sched.stdout.split('\n').slice(0, -2).join('\n') + '\n');
  if (sched.status !== 0) process.exit(sched.status ?? 1);
  scheduler = JSON.parse(sched.stdout.trim().split('\n').at(-1));
}
let renderer;
if (run('renderer')) {
  // ---- 2. the Fleet screen ----
  const data = mkdtempSync(join(tmpdir(), 'fleet-bench-ui-'));
  const app = spawn(
    process.execPath,
    [
      join(root, 'out/main/browser.js'),
      '--port',
      '0',
      '--data',
      data,
      '--sandbox-sites',
      '200',
      '--sandbox-rate',
      '1',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const launchUrl = await new Promise((ok, fail) => {
    let out = '';
    app.stdout.on('data', (c) => {
      out += c;
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out);
      if (m) ok(m[1]);
    });
    app.once('exit', (code) => fail(new Error(`browser mode exited ${code}: ${out}`)));
  });

  const executablePath =
    process.env.OPS_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--disable-gpu', '--no-first-run', '--enable-precise-memory-info'],
  });
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  // Row updates main pushed while we measure, counted from the bridge socket's frames.
  let pushes = 0;
  let pushedRows = 0;
  let counting = false;
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      if (!counting || typeof payload !== 'string' || !payload.includes('"event":"fleet.rows"'))
        return;
      pushes++;
      pushedRows += JSON.parse(payload).payload.rows.length;
    }),
  );
  await page.goto(launchUrl);
  await page.goto(new URL('/#/fleet', page.url()).toString());
  await page.getByText(/202 of 202 sites read/).waitFor({ timeout: 120_000 });

  counting = true;
  const measured = await page.evaluate(async (seconds) => {
    const grid = document.querySelector('[role=grid]');
    const frames = [];
    let blocking = 0;
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) blocking += Math.max(0, e.duration - 50);
    });
    obs.observe({ type: 'long-animation-frame', buffered: false });
    const end = performance.now() + seconds * 1000;
    let last = performance.now();
    let direction = 1;
    await new Promise((done) => {
      const tick = (t) => {
        frames.push(t - last);
        last = t;
        // Scroll a little every frame, back and forth: virtualization under a moving viewport.
        grid.scrollTop += direction * 24;
        if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 2) direction = -1;
        if (grid.scrollTop <= 0) direction = 1;
        if (t < end) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    obs.disconnect();
    return { frames: frames.slice(5), blocking };
  }, SECONDS);
  counting = false;
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const status = await page.locator('.fleet-status li').first().innerText();
  await browser.close();
  app.kill('SIGTERM');
  await new Promise((r) => app.once('exit', r));
  rmSync(data, { recursive: true, force: true });

  const f = measured.frames;
  renderer = {
    sites: 202,
    seconds: SECONDS,
    frameP50Ms: r1(pct(f, 50)),
    frameP95Ms: r1(pct(f, 95)),
    frameP99Ms: r1(pct(f, 99)),
    fps: r1(f.length / (f.reduce((s, x) => s + x, 0) / 1000)),
    longFrameBlockingMs: Math.round(measured.blocking),
    pushesPerS: r1(pushes / SECONDS),
    rowUpdatesPerS: r1(pushedRows / SECONDS),
    heapMB: r1(m.JSHeapUsedSize / 1048576),
    domNodes: m.Nodes,
    droppedFramesPct: r1(
      (100 * f.filter((x) => x > DROPPED_FRAME_MS).length) / Math.max(1, f.length),
    ),
    p95Ok: pct(f, 95) <= ON_TIME_P95_MS,
  };
  console.log(
    [
      `Fleet screen (${renderer.sites} sites, ${SECONDS} s of updates while scrolling)`,
      `  frame time p50 ${renderer.frameP50Ms} ms, p95 ${renderer.frameP95Ms} ms (target <= 16.7 give or take vsync jitter), p99 ${renderer.frameP99Ms} ms, ${renderer.fps} fps, ${renderer.droppedFramesPct}% frames dropped`,
      `  long-frame blocking ${renderer.longFrameBlockingMs} ms; ${renderer.pushesPerS} pushes/s carrying ${renderer.rowUpdatesPerS} row updates/s`,
      `  renderer heap ${renderer.heapMB} MB, ${renderer.domNodes} DOM nodes`,
      `  ${status}`,
    ].join('\n'),
  );
}
const { bench: _b, ...sch } = scheduler ?? {};
console.log(
  JSON.stringify({
    bench: 'fleet',
    quick,
    scheduler: scheduler ? sch : null,
    renderer: renderer ?? null,
  }),
);
