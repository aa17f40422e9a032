/**
 * A small fault-injecting HTTP(S) server and forward proxy on real sockets, for the client's fault
 * tests (429s, 5xx, hangs, trickling and reset bodies, bad JSON, huge bodies, revoked tokens,
 * redirects, TLS and proxy failures: docs/architecture.md, "How tests reach each layer"). Each test installs a `Fault` (a plain
 * request handler) and then inspects what the server saw: requests, headers, bytes sent.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  createServer as createHttp,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttps } from 'node:https';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Fault = (req: IncomingMessage, res: ServerResponse, server: FaultServer) => void;

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FaultServer {
  url: string;
  origin: string;
  port: number;
  requests: SeenRequest[];
  /** Bytes of response body the fault handlers managed to write (see `stream`). */
  bytesSent: number;
  fault: Fault;
  close(): Promise<void>;
}

function track(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return sockets;
}

async function listen(
  server: Server,
  sockets: Set<Socket>,
  scheme: 'http' | 'https',
): Promise<{ port: number; origin: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `${scheme}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startFaultServer(
  opts: { tls?: { key: string; cert: string } } = {},
): Promise<FaultServer> {
  const state: FaultServer = {
    url: '',
    origin: '',
    port: 0,
    requests: [],
    bytesSent: 0,
    fault: faults.json(200, {}),
    close: () => Promise.resolve(),
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      state.fault(req, res, state);
    });
  };
  const server = opts.tls
    ? createHttps({ key: opts.tls.key, cert: opts.tls.cert }, handler)
    : createHttp(handler);
  const sockets = track(server);
  const l = await listen(server, sockets, opts.tls ? 'https' : 'http');
  Object.assign(state, {
    port: l.port,
    origin: l.origin,
    url: `${l.origin}/api/v1`,
    close: l.close,
  });
  return state;
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Fault =>
  (_req, res) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

/** Writes `total` bytes of a JSON string body in `chunk`-byte pieces every `everyMs`. */
function stream(total: number, chunk: number, everyMs: number, withLength: boolean): Fault {
  return (_req, res, server) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(withLength ? { 'content-length': String(total) } : {}),
    });
    let sent = 0;
    const piece = Buffer.alloc(chunk, 0x61);
    const tick = () => {
      if (res.destroyed || sent >= total) return;
      const first = sent === 0 ? Buffer.from('"') : Buffer.alloc(0);
      const n = Math.min(chunk, total - sent - 1);
      const last = sent + n + 1 >= total ? Buffer.from('"') : Buffer.alloc(0);
      const buf = Buffer.concat([first, piece.subarray(0, Math.max(0, n - first.length)), last]);
      sent += buf.length;
      server.bytesSent += buf.length;
      const ok = res.write(buf);
      if (sent >= total) res.end();
      else if (everyMs > 0) setTimeout(tick, everyMs);
      else if (ok) setImmediate(tick);
      else res.once('drain', tick);
    };
    tick();
  };
}

export const faults = {
  json,
  /** 1 KB/s: 100 bytes every 100 ms, for `seconds` seconds. */
  trickle: (seconds: number): Fault => stream(1024 * seconds, 100, 100, false),
  /** Accepts the request and never answers. */
  hang: (): Fault => () => undefined,
  /** Sends headers and half a body, then resets the TCP connection. */
  resetMidBody: (): Fault => (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"integrations":[{"provider":"ga4",');
    setTimeout(() => res.socket?.resetAndDestroy(), 20);
  },
  html: (): Fault => (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Sign in to the Wi-Fi</title><h1>Captive portal</h1>');
  },
  malformedJson: (): Fault => (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"integrations": [ {"provider": "ga4", ');
  },
  /** A body of `bytes` bytes, streamed as fast as the client reads. */
  huge: (bytes: number, withLength = false): Fault => stream(bytes, 64 * 1024, 0, withLength),
  status: (
    status: number,
    message = 'Internal error',
    headers: Record<string, string> = {},
  ): Fault => json(status, { statusCode: status, error: 'Error', message }, headers),
  retryAfter: (value: string): Fault =>
    json(
      429,
      { statusCode: 429, error: 'Too Many Requests', message: 'slow down' },
      { 'retry-after': value },
    ),
  redirect:
    (location: string, status = 302): Fault =>
    (_req, res) => {
      res.writeHead(status, { location, 'content-length': '0' });
      res.end();
    },
  /** Answers each request with the next fault of the list (the last one repeats). */
  sequence: (...list: Fault[]): Fault => {
    let i = 0;
    return (req, res, server) => {
      const f = list[Math.min(i++, list.length - 1)]!;
      f(req, res, server);
    };
  },
};

export interface ForwardProxy {
  url: string;
  /** CONNECT targets and absolute-URI requests it saw. */
  seen: string[];
  close(): Promise<void>;
}

/** A forward proxy: `mode: 'ok'` tunnels CONNECT and forwards plain requests; `'407'` demands auth. */
export async function startForwardProxy(mode: 'ok' | '407'): Promise<ForwardProxy> {
  const seen: string[] = [];
  const server = createHttp((req, res) => {
    seen.push(req.url ?? '');
    if (mode === '407') {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="corp"', 'content-length': '0' });
      res.end();
      return;
    }
    // Plain forwarding of an absolute-URI request (how proxies carry http:// targets).
    const upstream = httpRequest(
      req.url ?? '',
      { method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502, { 'content-length': '0' });
      res.end();
    });
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(req.url ?? '');
    if (mode === '407') {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = netConnect(Number(port), host ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const sockets = track(server);
  const l = await listen(server, sockets, 'http');
  return { url: l.origin, seen, close: l.close };
}

/** A port nothing listens on (bound, then released): "proxy down" and "API gone". */
export async function deadPort(): Promise<number> {
  const server = createHttp();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A self-signed certificate for 127.0.0.1 made with openssl in a temp dir: an "unknown CA". */
export function selfSignedCert(): { key: string; cert: string; certFile: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'fault-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
    certFile,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
