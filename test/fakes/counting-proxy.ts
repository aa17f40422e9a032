import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenCall {
  method: string;
  path: string;
}

/**
 * A transparent HTTP reverse proxy in front of a real API (the sandbox), recording every request
 * that passes. Put between the app and the API, it sees exactly what the app sends: no stub, no
 * instrumentation inside the app.
 */
export async function startCountingProxy(targetOrigin: string): Promise<{
  origin: string;
  seen: SeenCall[];
  close(): Promise<void>;
}> {
  const target = new URL(targetOrigin);
  const seen: SeenCall[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push({ method: req.method ?? 'GET', path: req.url ?? '/' });
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
