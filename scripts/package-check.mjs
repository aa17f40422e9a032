#!/usr/bin/env node
// npm run package:check — pack the app the way the installers do (electron-builder, asar, fuses)
// against a stub Electron (the real binary cannot be downloaded in CI), then inspect the result:
//   - app.asar holds the built main, preload and renderer, package.json and production deps only;
//   - no sources (.ts/.tsx), tests, source maps or devDependencies;
//   - the fuse wire in the packed binary matches electronFuses in electron-builder.yml;
//   - resources/app-update.yml (electron-updater) exists and points at the generic provider.
// Exits 1 with the list of problems. Options: --build (always rebuild), --no-build (pack out/ as it
// is, e.g. while someone else's half-edited sources do not build), --keep (keep the output).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import * as asar from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const started = Date.now();
const workDir = join(root, 'dist', 'package-check');
const stubDir = join(workDir, 'electron-stub');
const outDir = join(workDir, 'out');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const builderConfig = parseYaml(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));

/** Electron's fuse sentinel and the default wire of Electron 45 (1 = on, 0 = off), per @electron/fuses. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULT_WIRE = '101100011'; // RunAsNode on, cookies off, NODE_OPTIONS on, inspect on, ...

const log = (msg) => console.log(`[package:check] ${msg}`);
function fail(problems) {
  console.error(
    `\n[package:check] FAILED (${problems.length} problem${problems.length === 1 ? '' : 's'}):`,
  );
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}

// 1. Build if needed: out/ missing, or older than any source file.
const required = ['out/main/index.js', 'out/preload/preload.cjs', 'out/renderer/index.html'];
function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}
const builtAt = Math.min(
  ...required.map((f) => (existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0)),
);
const sourcesAt = Math.max(
  ...['main', 'shared', 'renderer'].map((d) => newestMtime(join(root, d))),
);
if (args.has('--no-build') && builtAt !== 0) {
  log('--no-build: packing out/ as it is');
} else if (args.has('--build') || builtAt === 0 || sourcesAt > builtAt) {
  log(builtAt === 0 ? 'out/ is missing: building' : 'sources are newer than out/: building');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) fail([`electron-vite build failed (exit ${r.status})`]);
} else {
  log('out/ is up to date (use --build to force a rebuild)');
}

// 2. The stub Electron: a script that refuses to run, carrying a real fuse sentinel and wire so
//    electron-builder's fuse step has something to flip and we can read the flipped bits back.
rmSync(workDir, { recursive: true, force: true });
mkdirSync(stubDir, { recursive: true });
const stubBinary = join(stubDir, 'electron');
writeFileSync(
  stubBinary,
  Buffer.concat([
    Buffer.from(
      '#!/bin/sh\necho "stub Electron from scripts/package-check.mjs: not runnable" >&2\nexit 1\n# ',
    ),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE),
    Buffer.from('\n'),
  ]),
);
chmodSync(stubBinary, 0o755);
writeFileSync(join(stubDir, 'version'), electronVersion);

// 3. Pack: the same config as the installers, linux dir target only, no publishing.
log(`electron-builder --linux dir (Electron ${electronVersion}, stub dist)`);
const packStarted = Date.now();
const pack = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/electron-builder/cli.js'),
    '--linux',
    'dir',
    '--config',
    'electron-builder.yml',
    '--publish',
    'never',
    `-c.electronDist=${stubDir}`,
    `-c.electronVersion=${electronVersion}`,
    `-c.directories.output=${outDir}`,
  ],
  {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      ELECTRON_BUILDER_7ZIP_PATH: process.env.ELECTRON_BUILDER_7ZIP_PATH ?? '/usr/bin/7za',
    },
  },
);
if (pack.status !== 0) {
  console.error(pack.stdout, pack.stderr);
  fail([`electron-builder exited ${pack.status}`]);
}
log(`packed in ${((Date.now() - packStarted) / 1000).toFixed(1)} s`);

const appOutDir = join(outDir, 'linux-unpacked');
const asarPath = join(appOutDir, 'resources', 'app.asar');
const problems = [];
if (!existsSync(asarPath)) fail([`no app.asar at ${relative(root, asarPath)}`]);

// 4. app.asar contents.
const files = asar
  .listPackage(asarPath, { isPack: false })
  .map((p) => p.replaceAll('\\', '/'))
  .filter((p) => {
    try {
      return !asar.statFile(asarPath, p.slice(1), false).files;
    } catch {
      return true;
    }
  });
const has = (p) => files.includes(p);

for (const f of ['/package.json', ...required.map((r) => `/${r}`)]) {
  if (!has(f)) problems.push(`missing ${f}`);
}
if (!files.some((f) => /^\/out\/renderer\/assets\/.+\.js$/.test(f)))
  problems.push('no renderer bundle in /out/renderer/assets');

const topLevel = new Set(files.map((f) => f.split('/')[1]));
for (const t of topLevel) {
  if (!['out', 'node_modules', 'package.json'].includes(t))
    problems.push(
      `unexpected top-level entry /${t} (files must be limited to out/** and package.json)`,
    );
}
const sourceLike = files.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f));
const maps = files.filter((f) => f.endsWith('.map'));
const tests = files.filter(
  (f) => /\/(test|tests|__tests__|__mocks__)\//.test(f) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(f),
);
if (sourceLike.length)
  problems.push(`TypeScript sources/declarations in app.asar: ${sample(sourceLike)}`);
if (maps.length) problems.push(`source maps in app.asar: ${sample(maps)}`);
if (tests.length) problems.push(`tests in app.asar: ${sample(tests)}`);
for (const dir of ['main', 'renderer', 'shared', 'scripts', 'test', 'build', 'src']) {
  if (files.some((f) => f.startsWith(`/${dir}/`)))
    problems.push(`source folder /${dir} in app.asar`);
}

// node_modules: exactly the production dependency closure, never a devDependency.
const packaged = new Set();
for (const f of files) {
  // Hoisted and nested (node_modules/a/node_modules/b) packages alike.
  for (const m of f.matchAll(/\/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)) packaged.add(m[1]);
}
const prodDeps = Object.keys(pkg.dependencies ?? {});
const devDeps = Object.keys(pkg.devDependencies ?? {});
for (const d of prodDeps)
  if (!packaged.has(d)) problems.push(`production dependency ${d} missing from app.asar`);
const mustBeAbsent = new Set([
  ...devDeps,
  'react',
  'react-dom',
  'vite',
  'electron',
  'typescript',
  'electron-builder',
  'vitest',
]);
for (const d of mustBeAbsent)
  if (packaged.has(d) && !prodDeps.includes(d))
    problems.push(`devDependency ${d} packed into app.asar`);
const closure = productionClosure(prodDeps);
for (const d of packaged)
  if (!closure.has(d)) problems.push(`node_modules/${d} is not in the production dependency tree`);

// Updates are opt-in: the built main process may load electron-updater only via import().
for (const entry of readdirSync(join(root, 'out/main'), { withFileTypes: true, recursive: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
  const code = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  if (
    /(?:^|[\s;])import\s[^();]*?from\s*["']electron-updater["']|require\(\s*["']electron-updater["']\s*\)/m.test(
      code,
    )
  ) {
    problems.push(
      `${relative(root, join(entry.parentPath, entry.name))} loads electron-updater eagerly (must be a lazy import())`,
    );
  }
}

// 5. Fuses flipped as configured.
const expectedFuses = {
  RunAsNode: builderConfig.electronFuses?.runAsNode,
  EnableCookieEncryption: builderConfig.electronFuses?.enableCookieEncryption,
  EnableNodeOptionsEnvironmentVariable:
    builderConfig.electronFuses?.enableNodeOptionsEnvironmentVariable,
  EnableNodeCliInspectArguments: builderConfig.electronFuses?.enableNodeCliInspectArguments,
  EnableEmbeddedAsarIntegrityValidation:
    builderConfig.electronFuses?.enableEmbeddedAsarIntegrityValidation,
  OnlyLoadAppFromAsar: builderConfig.electronFuses?.onlyLoadAppFromAsar,
  GrantFileProtocolExtraPrivileges: builderConfig.electronFuses?.grantFileProtocolExtraPrivileges,
};
const binary = join(appOutDir, builderConfig.linux?.executableName ?? pkg.name);
const fuseRows = [];
try {
  const wire = await getCurrentFuseWire(binary);
  for (const [name, want] of Object.entries(expectedFuses)) {
    if (want === undefined) {
      problems.push(`electronFuses: ${name} not configured`);
      continue;
    }
    const got = wire[FuseV1Options[name]];
    const gotText =
      got === FuseState.ENABLE ? 'on' : got === FuseState.DISABLE ? 'off' : `state ${got}`;
    fuseRows.push(`${name.padEnd(40)} ${gotText}`);
    if (got !== (want ? FuseState.ENABLE : FuseState.DISABLE))
      problems.push(`fuse ${name} is ${gotText}, config says ${want ? 'on' : 'off'}`);
  }
} catch (error) {
  problems.push(`could not read the fuse wire of ${relative(root, binary)}: ${error.message}`);
}

// 6. electron-updater metadata.
const updateYml = join(appOutDir, 'resources', 'app-update.yml');
if (!existsSync(updateYml)) problems.push('resources/app-update.yml missing (publish config)');
else if (!/provider: generic/.test(readFileSync(updateYml, 'utf8')))
  problems.push('app-update.yml is not the generic provider');

// Report.
const size = statSync(asarPath).size;
const outFiles = files.filter((f) => f.startsWith('/out/')).length;
const nmFiles = files.filter((f) => f.startsWith('/node_modules/')).length;
console.log('');
log(
  `app.asar: ${(size / 1024 / 1024).toFixed(2)} MB, ${files.length} files (${outFiles} built, ${nmFiles} in node_modules, package.json)`,
);
log(`production packages in app.asar (${packaged.size}): ${[...packaged].sort().join(', ')}`);
log('fuses in the packed binary:');
for (const row of fuseRows) console.log(`    ${row}`);
if (problems.length) fail(problems);
if (!args.has('--keep')) rmSync(workDir, { recursive: true, force: true });
log(`OK in ${((Date.now() - started) / 1000).toFixed(1)} s`);

function sample(list) {
  return `${list.slice(0, 5).join(', ')}${list.length > 5 ? ` (+${list.length - 5} more)` : ''}`;
}

/** Names of every package reachable from the production dependencies (hoisted or nested). */
function productionClosure(names) {
  const seen = new Set();
  const queue = names.map((n) => [n, root]);
  while (queue.length) {
    const [name, from] = queue.shift();
    const dir = resolvePackageDir(name, from);
    if (!dir) continue; // an optional dependency not installed on this platform
    const key = `${name}@${dir}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys({ ...meta.dependencies, ...meta.optionalDependencies }))
      queue.push([dep, dir]);
  }
  return new Set([...seen].map((k) => k.slice(0, k.lastIndexOf('@'))));
}
function resolvePackageDir(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
  }
}
