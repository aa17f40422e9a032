import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetDir } from '../../../main/core/snapshots/paths';
import { SnapshotStore } from '../../../main/core/snapshots/store';
import { KEY, tempDir } from './helpers';

const ROOT = resolve(import.meta.dirname, '../../..');
const WRITER = resolve(import.meta.dirname, 'fixtures/writer.ts');
const ITERATIONS = Number(process.env.SNAPSHOT_KILL_ITERATIONS ?? 30);

/** Start the writer, wait until it writes, let it run a random few ms, SIGKILL it. */
function runAndKill(dir: string, seed: number): Promise<void> {
  return new Promise((done, fail) => {
    // One node process with the tsx loader (the tsx CLI would fork a grandchild that survives the kill).
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(seed)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.once('data', () =>
      setTimeout(() => child.kill('SIGKILL'), 5 + Math.floor(Math.random() * 120)),
    );
    child.once('exit', (code, signal) =>
      signal === 'SIGKILL' ? done() : fail(new Error(`writer exited ${code}: ${err}`)),
    );
  });
}

let t: ReturnType<typeof tempDir>;
beforeAll(() => (t = tempDir('snap-kill-')));
afterAll(() => t.cleanup());

describe('a writer SIGKILLed mid-write', () => {
  it(`leaves a valid store every time (${ITERATIONS} kills)`, { timeout: 240_000 }, async () => {
    let previous = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      await runAndKill(t.dir, i);
      const store = new SnapshotStore(t.dir, { indexDelayMs: 0 });
      const list = await store.list(KEY);
      // Every listed version opens and verifies (schema, location, sha-256); nothing was quarantined.
      for (const m of list) expect((await store.get(KEY, m.version)).sha256).toBe(m.sha256);
      expect(store.problems(KEY).filter((p) => p.action !== 'index_rebuilt')).toEqual([]);
      // Monotonic and gap-free: a killed write either produced its whole file or nothing.
      const versions = list.map((m) => m.version).reverse();
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, k) => k + 1));
      expect(versions.length).toBeGreaterThanOrEqual(previous);
      previous = versions.length;
    }
    const names = await fs.readdir(targetDir(t.dir, KEY));
    expect(names.filter((n) => n.includes('corrupt'))).toEqual([]);
    expect(previous).toBeGreaterThan(ITERATIONS / 2);
  });
});
