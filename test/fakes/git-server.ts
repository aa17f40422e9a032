import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BACKEND = '/usr/lib/git-core/git-http-backend';

export interface GitServer {
  /** e.g. http://127.0.0.1:PORT/team.git (https:// when started with a certificate) */
  url: string;
  username: string;
  password: string;
  /** The bare repository on disk (read it with the git command line). */
  repoDir: string;
  /** Closes the listener and every open socket: clients see connection refused. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
  /** Requests served so far (for asserting that auth was used). */
  requests: { method: string; path: string; user: string | undefined }[];
}

/**
 * A real smart-HTTP git server for tests: git's own git-http-backend run as a CGI behind basic
 * auth on 127.0.0.1, serving one bare repository created with `git init --bare`. With `tls` it
 * serves https with that certificate (a company CA the operator's laptop does not know).
 */
export async function startGitServer(
  opts: {
    branch?: string;
    username?: string;
    password?: string;
    tls?: { key: string; cert: string };
  } = {},
): Promise<GitServer> {
  const root = mkdtempSync(join(tmpdir(), 'ops-git-server-'));
  const branch = opts.branch ?? 'main';
  const repoDir = join(root, 'team.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', branch, repoDir]);
  execFileSync('git', ['-C', repoDir, 'config', 'http.receivepack', 'true']);
  const username = opts.username ?? 'ada';
  const password = opts.password ?? 'git-token-0123456789';
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const requests: GitServer['requests'] = [];
  const sockets = new Set<Socket>();

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const auth = req.headers.authorization;
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      user: auth === expected ? username : undefined,
    });
    if (auth !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="team"' }).end('auth required');
      return;
    }
    const cgi = spawn(BACKEND, [], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_USER: username,
        REMOTE_ADDR: '127.0.0.1',
        ...(req.headers['content-encoding']
          ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] }
          : {}),
        ...(typeof req.headers['git-protocol'] === 'string'
          ? { GIT_PROTOCOL: req.headers['git-protocol'] }
          : {}),
      },
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const i = line.indexOf(':');
        if (i < 0) continue;
        const name = line.slice(0, i).trim();
        const value = line.slice(i + 1).trim();
        if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
    });
    cgi.stdout.on('end', () => res.end());
    cgi.on('error', () => res.writeHead(500).end('git-http-backend failed'));
  };

  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = opts.tls
        ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, handler)
        : createServer(handler);
      s.on('connection', (c) => {
        sockets.add(c);
        c.on('close', () => sockets.delete(c));
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      const s = server;
      server = undefined;
      for (const c of sockets) c.destroy();
      s.close(() => resolve());
    });
  await listen();
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}/team.git`,
    username,
    password,
    repoDir,
    requests,
    stop,
    start: listen,
    async close() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The server's URL with its credentials in it, for the git command line. */
export function authUrl(server: Pick<GitServer, 'url' | 'username' | 'password'>): string {
  const u = new URL(server.url);
  u.username = server.username;
  u.password = server.password;
  return u.toString();
}
