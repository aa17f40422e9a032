import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ClientId, Handlers } from '../../shared/bridge';
import { BrowserGuard } from './browser-auth';
import { createBridgeSocket } from './browser-socket';
import type { EventHub } from './event-hub';
import type { FlowLimits } from './socket-flow';
import { lookupAsset, SECURITY_HEADERS } from './static-assets';

export interface BrowserServerOptions {
  port: number;
  staticDir: string;
  handlers: Handlers;
  hub: EventHub;
  /** A tab closed its bridge socket: what it subscribed to ends (Core.clientGone). */
  clientGone?: (client: ClientId) => void;
  /** Per-socket backpressure limits; the defaults suit a browser tab (tests shrink them). */
  flow?: Partial<FlowLimits>;
}

export interface RunningBrowserServer {
  /** The URL to open, with the one-time launch token. Printed, never logged elsewhere. */
  launchUrl: string;
  origin: string;
  port: number;
  /** Sockets, calls in flight and bytes waiting to be sent, across all tabs. */
  bridgeStats(): ReturnType<ReturnType<typeof createBridgeSocket>['stats']>;
  close(): Promise<void>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Serves the built renderer and the bridge on 127.0.0.1 only (README.md, "Browser mode"). */
export async function startBrowserServer(
  opts: BrowserServerOptions,
): Promise<RunningBrowserServer> {
  const guard = new BrowserGuard();
  const bridge = createBridgeSocket(opts.handlers, opts.hub, opts.clientGone, opts.flow);

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) plain(res, 500, 'Internal error.');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!guard.hostAllowed(req)) return plain(res, 403, 'Forbidden: unexpected Host header.');
    const method = req.method ?? 'GET';
    if (!SAFE_METHODS.has(method)) {
      // Nothing here changes state over plain HTTP, but a foreign or missing Origin is refused first.
      if (!guard.originAllowed(req))
        return plain(res, 403, 'Forbidden: foreign or missing Origin.');
      return plain(res, 405, 'Method not allowed.');
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const token = url.searchParams.get('token');
    if (token !== null) {
      if (!guard.redeemToken(token))
        return plain(
          res,
          401,
          'Unauthorized: this link is not valid or was already used. Restart browser mode (`npm run start:browser`) for a new one.',
        );
      // Trade the token for a session cookie and strip it from the address bar and history.
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': guard.sessionCookie(guard.openSession()),
        // Browsers never send the #fragment and keep it across a redirect without one.
        Location: url.pathname + (url.search || ''),
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    if (!guard.hasSession(req))
      return plain(
        res,
        401,
        'Unauthorized: open the URL with ?token=… printed in the terminal where browser mode was started.',
      );
    const asset = await lookupAsset(opts.staticDir, url.pathname);
    if (asset.status !== 200) return plain(res, asset.status, asset.reason);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': asset.contentType,
      'Cache-Control': asset.contentType.startsWith('text/html')
        ? 'no-store'
        : 'private, max-age=3600',
    });
    if (method === 'HEAD') return void res.end();
    const stream = createReadStream(asset.filePath);
    // A file deleted under us (e.g. during a rebuild) must end this response, not the process.
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!guard.hostAllowed(req)) return rejectUpgrade(socket, 403, 'Forbidden');
    if (!guard.originAllowed(req)) return rejectUpgrade(socket, 403, 'Forbidden');
    if (!guard.hasSession(req)) return rejectUpgrade(socket, 401, 'Unauthorized');
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/bridge')
      return rejectUpgrade(socket, 404, 'Not Found');
    bridge.upgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard.setPort(port);
  const origin = `http://127.0.0.1:${port}`;
  return {
    launchUrl: `${origin}/?token=${guard.token}`,
    origin,
    port,
    bridgeStats: () => bridge.stats(),
    async close() {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
