import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { Handlers } from '../../../shared/bridge';
import { startBrowserServer, type RunningBrowserServer } from '../../../main/host/browser-server';
import { EventHub } from '../../../main/host/event-hub';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

function upgrade(port: number, headers: Record<string, string>) {
  return new Promise<{ status?: number; socket?: WebSocket }>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, { headers });
    ws.on('open', () => resolve({ socket: ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.on('error', () => resolve({}));
  });
}

describe('browser-mode server', () => {
  let server: RunningBrowserServer;
  const hub = new EventHub();
  const gone: string[] = [];
  let host: string;
  let origin: string;
  let cookie: string;
  const info = vi.fn(() =>
    Promise.resolve({
      operatorName: 'x',
      refreshIntervalSec: 30,
      monitorMinimumMinutes: 60,
      logBufferSize: 100000,
      updatesEnabled: false,
      allowInsecureSecrets: false,
    }),
  );

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-static-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Integration Ops</title>');
    const handlers = new Proxy({} as Handlers, {
      get: (_t, name) => (name === 'settings.get' ? info : vi.fn()),
    });
    server = await startBrowserServer({
      port: 0,
      staticDir: dir,
      handlers,
      hub,
      clientGone: (client) => gone.push(client),
    });
    host = `127.0.0.1:${server.port}`;
    origin = `http://${host}`;
  });
  afterAll(() => server.close());

  const token = () => new URL(server.launchUrl).searchParams.get('token')!;

  it('binds to 127.0.0.1 and uses a 32-byte token', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(Buffer.from(token(), 'base64url')).toHaveLength(32);
  });

  it('answers 401 without a token or with a wrong one', async () => {
    expect((await send(server.port, '/')).status).toBe(401);
    expect((await send(server.port, '/?token=wrong')).status).toBe(401);
    expect((await send(server.port, `/?token=${token().slice(0, -1)}x`)).status).toBe(401);
  });

  it('trades the token for an HttpOnly SameSite=Strict cookie and strips it from the URL', async () => {
    const res = await send(server.port, `/?token=${token()}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(token());
    cookie = setCookie.split(';')[0]!;
    // Exchanged once: the same link (left in history or scrollback) no longer opens a session.
    expect((await send(server.port, `/?token=${token()}`)).status).toBe(401);
    const page = await send(server.port, '/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 403 to a foreign Host header (DNS rebinding), even with a valid session', async () => {
    expect(
      (await send(server.port, '/', { headers: { host: 'evil.example', cookie } })).status,
    ).toBe(403);
    expect(
      (
        await send(server.port, `/?token=${token()}`, {
          headers: { host: `evil.example:${server.port}` },
        })
      ).status,
    ).toBe(403);
    expect(
      (await send(server.port, '/', { headers: { host: '127.0.0.1:1', cookie } })).status,
    ).toBe(403);
  });

  it('answers 403 to a state-changing request with a foreign or missing Origin (text/plain POST too)', async () => {
    const post = (headers: Record<string, string>) =>
      send(server.port, '/bridge', {
        method: 'POST',
        headers: { cookie, 'content-type': 'text/plain', ...headers },
        body: '{"call":"x"}',
      });
    expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect((await post({ origin })).status).toBe(405);
  });

  it('refuses a WebSocket upgrade with a foreign or missing Origin, or without the cookie', async () => {
    expect((await upgrade(server.port, { origin: 'https://evil.example', cookie })).status).toBe(
      403,
    );
    expect((await upgrade(server.port, { cookie })).status).toBe(403);
    expect((await upgrade(server.port, { origin })).status).toBe(401);
    expect((await upgrade(server.port, { origin, cookie, host: 'evil.example' })).status).toBe(403);
  });

  it('runs bridge calls over the socket for our own origin with the session cookie', async () => {
    const { socket } = await upgrade(server.port, { origin, cookie });
    expect(socket).toBeDefined();
    const answer = await new Promise<unknown>((resolve) => {
      socket!.once('message', (d) => resolve(JSON.parse((d as Buffer).toString())));
      socket!.send(JSON.stringify({ id: 1, call: 'settings.get', input: {} }));
    });
    expect(answer).toMatchObject({ id: 1, result: { ok: true, value: { operatorName: 'x' } } });
    const bad = await new Promise<unknown>((resolve) => {
      socket!.once('message', (d) => resolve(JSON.parse((d as Buffer).toString())));
      socket!.send(JSON.stringify({ id: 2, call: 'sites.save', input: { siteId: '../../etc' } }));
    });
    expect(bad).toMatchObject({ id: 2, result: { ok: false, error: { kind: 'validation' } } });
    socket!.close();
  });

  it('each socket is a client: events addressed to another never reach it; a closed one is reported gone', async () => {
    const a = (await upgrade(server.port, { origin, cookie })).socket!;
    const b = (await upgrade(server.port, { origin, cookie })).socket!;
    const got = { a: [] as unknown[], b: [] as unknown[] };
    a.on('message', (d) => got.a.push(JSON.parse((d as Buffer).toString())));
    b.on('message', (d) => got.b.push(JSON.parse((d as Buffer).toString())));
    const batch = { tailId: 'tail_x1', entries: [] };
    // Which client is which is only known to the server: address both, each must get exactly one.
    for (const n of [1, 2, 3, 4, 5, 6])
      hub.emit('tail.batch', { ...batch, tailId: `tail_x${n}` }, `tab-${n}`);
    hub.emit('app.notice', { level: 'info', message: 'to all' });
    await vi.waitFor(() => expect(got.a.length + got.b.length).toBe(4));
    const tails = (xs: unknown[]) =>
      xs.filter((x) => (x as { event: string }).event === 'tail.batch').length;
    expect([tails(got.a), tails(got.b)]).toEqual([1, 1]);
    const before = gone.length;
    a.close();
    await vi.waitFor(() => expect(gone.length).toBe(before + 1));
    b.close();
    await vi.waitFor(() => expect(gone.length).toBe(before + 2));
    expect(gone[before]).not.toBe(gone[before + 1]);
  });
});
