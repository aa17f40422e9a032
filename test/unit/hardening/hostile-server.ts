import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * An HTTP server on 127.0.0.1 that answers what the test likes: an API, a proxy or a captive
 * portal at a configured address. Records every request it receives.
 */
export class HostileServer {
  readonly requests: { method: string; url: string; authorization?: string }[] = [];
  private server!: Server;
  url = '';
  port = 0;

  constructor(private readonly route: Route) {}

  async start(host = '127.0.0.1'): Promise<this> {
    this.server = createServer((req, res) => {
      this.requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      this.route(req, res);
    });
    await new Promise<void>((ok) => this.server.listen(0, host, ok));
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://${host}:${this.port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((ok) => this.server.close(() => ok()));
  }
}

export function json(res: ServerResponse, status: number, text: string, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/** `{"a":{"a":…}}` nested `depth` deep: ~2 bytes a level, so 10,000 levels is about 20 KB. */
export function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}
