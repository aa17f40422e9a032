#!/usr/bin/env node
// npm run audit:security — @doyensec/electronegativity over the built output (out/), told our
// Electron version. It exits 0 even with findings, so we read its CSV: any finding above LOW fails
// unless build/electronegativity-suppressions.json excuses it with a written justification.
// Options: --build (rebuild out/ first), --keep (keep the CSV in dist/audit/),
// --suppressions=<file> (another suppressions file, e.g. to see every finding: an empty list).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  evaluate,
  parseReport,
  table,
  validateSuppressions,
  FAIL_ABOVE,
} from './lib/electronegativity-report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const started = Date.now();
const suppressionsArg = process.argv.find((a) => a.startsWith('--suppressions='));
const suppressionsFile = suppressionsArg
  ? resolve(suppressionsArg.slice('--suppressions='.length))
  : join(root, 'build', 'electronegativity-suppressions.json');
const reportDir = join(root, 'dist', 'audit');
const report = join(reportDir, 'electronegativity.csv');
const log = (msg) => console.log(`[audit:security] ${msg}`);
function fail(problems) {
  console.error(
    `\n[audit:security] FAILED (${problems.length} problem${problems.length === 1 ? '' : 's'}):`,
  );
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}

const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;

// 0. The suppressions file is checked before anything runs: an unjustified one fails on its own.
let suppressions;
try {
  suppressions = JSON.parse(readFileSync(suppressionsFile, 'utf8'));
} catch (error) {
  fail([`cannot read ${relative(root, suppressionsFile)}: ${error.message}`]);
}
const invalid = validateSuppressions(suppressions);
if (invalid.length) fail(invalid.map((p) => `${relative(root, suppressionsFile)}: ${p}`));

// 1. Built output.
if (
  args.has('--build') ||
  !existsSync(join(root, 'out/main/index.js')) ||
  !existsSync(join(root, 'out/renderer/index.html'))
) {
  log('building out/');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) fail([`electron-vite build failed (exit ${r.status})`]);
}

// 2. Scan. Offline it prints "No connectivity?" for the Electron release list and goes on; online
//    its AVAILABLE_SECURITY_FIXES check reports HIGH when a newer Electron has security fixes.
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });
log(`electronegativity -i out -e ${electronVersion}`);
const scan = spawnSync(
  process.execPath,
  [
    // Orders its two report writes (header, then rows): see the preload for the race it removes.
    '-r',
    join(root, 'scripts/lib/electronegativity-ordered-writes.cjs'),
    join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'),
    '-i',
    join(root, 'out'),
    '-e',
    electronVersion,
    '-o',
    report,
  ],
  { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'en' } },
);
const noise = /Could not retrieve updated translations|No connectivity/;
for (const line of `${scan.stdout}\n${scan.stderr}`.split('\n'))
  if (line.trim() && !noise.test(line)) console.log(`    ${line}`);
if (scan.status !== 0) fail([`electronegativity exited ${scan.status}`]);
if (!existsSync(report)) fail(['electronegativity wrote no report']);

// 3. Judge.
let findings;
try {
  findings = parseReport(readFileSync(report, 'utf8'), root);
} catch (error) {
  fail([error.message]);
}
const { blocking, suppressed, low, unused } = evaluate(findings, suppressions.suppressions);

const row = (f, status) => [
  status,
  f.severity,
  f.confidence,
  f.check,
  `${f.file}:${f.location}`,
  f.sample || f.description,
];
const rows = [
  ...blocking.map((f) => row(f, 'FAIL')),
  ...suppressed.map((f) => row(f, 'suppressed')),
  ...low.map((f) => row(f, 'low/info')),
];
console.log('');
if (rows.length)
  console.log(table(rows, ['status', 'severity', 'confidence', 'check', 'where', 'sample']));
console.log('');
log(
  `${findings.length} finding(s): ${blocking.length} blocking (above ${FAIL_ABOVE}), ${suppressed.length} suppressed with justification, ${low.length} at ${FAIL_ABOVE} or below`,
);
for (const s of unused)
  log(`note: suppression ${s.check} for ${s.file} matched nothing (stale? remove it)`);
if (args.has('--keep')) log(`report kept at ${relative(root, report)}`);
else rmSync(reportDir, { recursive: true, force: true });
if (blocking.length) {
  fail(
    blocking.map(
      (f) =>
        `${f.severity} ${f.check} at ${f.file}:${f.location}: ${f.description} (${f.url}) — fix it, or add a justified entry to ${relative(root, suppressionsFile)}`,
    ),
  );
}
log(`OK in ${((Date.now() - started) / 1000).toFixed(1)} s`);
