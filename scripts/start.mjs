#!/usr/bin/env node
// `npm start`: build, then launch the Electron app. Electron 45 fetches its binary on first use;
// where that is impossible (no internet, locked-down machine) say so in one line and start
// browser mode instead of crashing.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import process from 'node:process';

const require = createRequire(import.meta.url);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Resolves the Electron binary path, triggering its first-use download; undefined when unavailable. */
function electronBinary() {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      "const p = require('electron'); if (typeof p !== 'string') process.exit(3); require('fs').accessSync(p); process.stdout.write(p)",
    ],
    { cwd: process.cwd(), encoding: 'utf8', timeout: 180_000 },
  );
  return probe.status === 0 && probe.stdout ? probe.stdout.trim() : undefined;
}

run(npx, ['electron-vite', 'build']);
let binary;
try {
  require.resolve('electron');
  binary = electronBinary();
} catch {
  binary = undefined;
}
if (!binary) {
  console.log(
    'Electron is not available on this machine (its binary could not be downloaded); starting browser mode instead: open the URL below.',
  );
  const child = spawn(process.execPath, ['out/main/browser.js', ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
