import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const SANDBOX = resolve(import.meta.dirname, '../../out/main/sandbox.js');
export const STANDALONE_TOKEN = 'offline-e2e-token-5b7c';

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** A standalone sandbox process: the "remote API" a test takes away (SIGKILL) and brings back. */
export async function startApi(
  port: number,
  dataDir: string,
): Promise<{ child: ChildProcess; siteId: string }> {
  const child = spawn(
    process.execPath,
    [
      SANDBOX,
      '--port',
      String(port),
      '--token',
      STANDALONE_TOKEN,
      '--data',
      dataDir,
      '--seed',
      '7',
      '--rate',
      '20',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const siteId = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`sandbox did not start: ${out}`)), 15_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^Sites: ([0-9a-f-]{36})/m.exec(out);
      if (m) {
        clearTimeout(timer);
        done(m[1]!);
      }
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  });
  return { child, siteId };
}

export function stopApi(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}
