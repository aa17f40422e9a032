#!/usr/bin/env node
// Renderer size budget: initial JS = the entry script plus every chunk it imports
// statically (transitively), gzip; lazy chunks (screens, the editor) count only in the total.
// Builds first unless --no-build and out/renderer exists. Last line: one JSON object.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'out/renderer');
const BUDGET_KB = 150;

if (!(process.argv.includes('--no-build') && existsSync(outDir))) {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

const html = readFileSync(join(outDir, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const raw = (file) => readFileSync(file).length;

/** Static imports only: `import ... from "./x.js"` and `import "./x.js"`, not `import("./x.js")`. */
function staticImports(file) {
  const code = readFileSync(file, 'utf8');
  const found = new Set();
  for (const m of code.matchAll(
    /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\.?\/[^"']+\.js)["']/g,
  )) {
    found.add(resolve(dirname(file), m[1]));
  }
  return [...found];
}

const initial = new Set();
const queue = entries.map((e) => resolve(outDir, e));
while (queue.length) {
  const f = queue.pop();
  if (initial.has(f)) continue;
  initial.add(f);
  queue.push(...staticImports(f));
}

const assets = join(outDir, 'assets');
const allJs = readdirSync(assets)
  .filter((f) => f.endsWith('.js'))
  .map((f) => join(assets, f));
const css = readdirSync(assets)
  .filter((f) => f.endsWith('.css'))
  .map((f) => join(assets, f));
const sum = (files, fn) => files.reduce((n, f) => n + fn(f), 0);
const kb = (n) => Math.round((n / 1024) * 10) / 10;

const initialFiles = [...initial];
console.log('Initial JS (entry + static imports):');
for (const f of initialFiles)
  console.log(
    `  ${f.slice(outDir.length + 1).padEnd(48)} ${kb(raw(f)).toString().padStart(8)} KB raw ${kb(gz(f)).toString().padStart(7)} KB gzip`,
  );
const lazy = allJs.filter((f) => !initial.has(f)).sort((a, b) => gz(b) - gz(a));
console.log('Lazy chunks (largest first):');
for (const f of lazy.slice(0, 8))
  console.log(
    `  ${f.slice(outDir.length + 1).padEnd(48)} ${kb(gz(f)).toString().padStart(7)} KB gzip`,
  );

// The preload: bundled into one file (a sandboxed preload cannot require()), so every import counts.
const preloadDir = join(root, 'out/preload');
const preload = readdirSync(preloadDir)
  .filter((f) => f.endsWith('.cjs') || f.endsWith('.js'))
  .map((f) => join(preloadDir, f));
console.log(
  `Preload: ${kb(sum(preload, raw))} KB raw ${kb(sum(preload, gz))} KB gzip (${preload.map((f) => f.slice(root.length + 1)).join(', ')})`,
);

const result = {
  initialJsGzipKB: kb(sum(initialFiles, gz)),
  initialJsRawKB: kb(sum(initialFiles, raw)),
  totalJsGzipKB: kb(sum(allJs, gz)),
  totalJsRawKB: kb(sum(allJs, raw)),
  cssGzipKB: kb(sum(css, gz)),
  preloadRawKB: kb(sum(preload, raw)),
  preloadGzipKB: kb(sum(preload, gz)),
  chunks: allJs.length,
  budgetKB: BUDGET_KB,
  withinBudget: sum(initialFiles, gz) / 1024 <= BUDGET_KB,
};
console.log(JSON.stringify(result));
