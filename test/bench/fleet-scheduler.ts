/**
 * bench:fleet (scheduler half) entry. The measuring code lives in test/unit/fleet/bench, type-checked
 * with the main-process project it imports (this folder's tsconfig only covers e2e/bench files).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const runner = pathToFileURL(
  resolve(import.meta.dirname, '../unit/fleet/bench/scheduler-run.ts'),
).href;
await import(runner);
