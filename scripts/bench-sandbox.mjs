// Bundles the bench and its server (TypeScript, extensionless imports) with rolldown, which
// vite already brings, then runs it on plain Node. Dependencies stay external (node_modules).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'rolldown';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'node_modules/.cache/bench-sandbox');
mkdirSync(outDir, { recursive: true });
const bundle = (input, file) =>
  build({
    input: resolve(root, input),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    output: { file: resolve(outDir, file), format: 'es' },
    logLevel: 'warn',
  });
await bundle('scripts/bench-sandbox-server.ts', 'server.mjs');
await bundle('test/bench/sandbox-bench.ts', 'bench.mjs');
const r = spawnSync(
  process.execPath,
  [resolve(outDir, 'bench.mjs'), resolve(outDir, 'server.mjs')],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
