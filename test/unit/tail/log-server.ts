import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Scripted {
  status: number;
  headers?: Record<string, string>;
}

/**
 * A controllable logs endpoint over real HTTP: scripted answers (429 with Retry-After), a
 * response delay (a request in flight), and the arrival time of every request.
 */
export async function startLogServer(opts: { script?: Scripted[]; delayMs?: number } = {}) {
  const arrivals: number[] = [];
  const script = [...(opts.script ?? [])];
  let nextId = 1;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    arrivals.push(Date.now());
    const url = new URL(req.url ?? '/', 'http://x');
    const step = script.shift() ?? { status: 200 };
    const answer = () => {
      if (step.status !== 200) {
        res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
        res.end(
          JSON.stringify({
            statusCode: step.status,
            error: 'Too Many Requests',
            message: 'slow down',
          }),
        );
        return;
      }
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      // Two new entries per request, so every poll finds something.
      nextId += 2;
      const newest = nextId - 1;
      const entries = [];
      for (let i = 0; i < limit && newest - offset - i >= 1; i++) {
        const id = newest - offset - i;
        entries.push({
          id,
          timestamp: new Date().toISOString(),
          event: 'purchase',
          eventId: `e${id}`,
          status: 'sent',
          attempt: 1,
        });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ entries, total: newest, limit, offset }));
    };
    if (opts.delayMs) setTimeout(answer, opts.delayMs);
    else answer();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    arrivals,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
