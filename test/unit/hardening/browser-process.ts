import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { eventually } from '../../fakes/poll';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface BridgeAnswer {
  ok: boolean;
  value?: any;
  error?: { kind: string; message: string; current?: unknown };
}

/**
 * Browser mode as a real child process (main/browser.ts through the tsx loader), signed in over
 * HTTP and driven over its bridge WebSocket like a tab: what the attack pass did, so "main stays
 * up" means the process, not a function.
 */
export class BrowserMode {
  child!: ChildProcess;
  output = '';
  origin = '';
  private socket!: WebSocket;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { ok: (a: BridgeAnswer) => void; fail: (e: Error) => void }
  >();
  readonly events: { event: string; payload: any }[] = [];

  constructor(readonly dataDir = mkdtempSync(join(tmpdir(), 'ops-browser-'))) {}

  async start(args: string[] = [], nodeArgs: string[] = []): Promise<this> {
    this.child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        ...nodeArgs,
        'main/browser.ts',
        '--port',
        '0',
        '--data',
        this.dataDir,
        ...args,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } },
    );
    this.child.stdout!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.child.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
    const url = await eventually(
      () => {
        if (this.child.exitCode !== null) throw new Error(`browser mode exited:\n${this.output}`);
        return /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(this.output)?.[1];
      },
      { timeoutMs: 60_000, what: 'the launch URL' },
    );
    const launch = new URL(url);
    this.origin = launch.origin;
    const cookie = await new Promise<string>((ok, fail) => {
      request(url, (res) => {
        res.resume();
        ok(String(res.headers['set-cookie']).split(';')[0]!);
      })
        .on('error', fail)
        .end();
    });
    this.socket = new WebSocket(`${this.origin.replace('http', 'ws')}/bridge`, {
      headers: { cookie, origin: this.origin },
    });
    this.socket.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8'));
      if ('id' in frame) {
        this.pending.get(frame.id)?.ok(frame.result);
        this.pending.delete(frame.id);
      } else this.events.push(frame);
    });
    // A call never hangs on a process that died: it fails with what the process printed.
    this.socket.on('close', () => {
      for (const p of this.pending.values())
        p.fail(
          new Error(
            `the bridge socket closed (browser mode alive: ${this.alive}):\n${this.output}`,
          ),
        );
      this.pending.clear();
    });
    await new Promise((ok, fail) => this.socket.once('open', ok).once('error', fail));
    this.cookie = cookie;
    return this;
  }

  cookie = '';

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  call(name: string, input: unknown): Promise<BridgeAnswer> {
    const id = this.nextId++;
    return new Promise((ok, fail) => {
      this.pending.set(id, { ok, fail });
      this.socket.send(JSON.stringify({ id, call: name, input }), (e) => e && fail(e));
    });
  }

  async value(name: string, input: unknown): Promise<any> {
    const r = await this.call(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error?.message}`);
    return r.value;
  }

  async stop(): Promise<void> {
    this.socket?.terminate();
    if (this.child && this.alive) {
      const exited = new Promise((ok) => this.child.once('exit', ok));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
