import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { apiWeather } from './api-weather';
import { createAuth } from './auth';
import type { SandboxContext } from './context';
import { HttpError } from './errors';
import { sendJson } from './http-io';
import { RateLimiter } from './rate-limit';
import type { RequestLedger } from './request-ledger';
import { handleReceiver } from './receiver';
import { Router } from './router';
import { dataLayerRoutes } from './routes/data-layer';
import { healthRoute } from './routes/health';
import { integrationRoutes } from './routes/integrations';
import { providerTestRoute } from './routes/provider-test';
import { scenarioRoutes } from './routes/scenarios';
import { webhookRoutes } from './routes/webhooks';
import { Prng } from './sim/prng';

export interface ServerOptions {
  token: string;
  rateLimitPerMinute: number;
  seed: number;
  ledger: RequestLedger;
}

export function buildRouter(ctx: SandboxContext): Router {
  const router = new Router();
  integrationRoutes(router, ctx);
  providerTestRoute(router, ctx);
  webhookRoutes(router, ctx);
  dataLayerRoutes(router, ctx);
  healthRoute(router, ctx);
  scenarioRoutes(router, ctx);
  return router;
}

/** The HTTP front: receiver, auth, rate limit, API weather, routing, and one error format. */
export function createSandboxServer(getCtx: () => SandboxContext, opts: ServerOptions): Server {
  const auth = createAuth(opts.token);
  const limiter = new RateLimiter(opts.rateLimitPerMinute);
  const weatherRng = new Prng(opts.seed ^ 0xa91);
  let router: Router | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ctx = getCtx();
    router ??= buildRouter(ctx);
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === '__receiver') return handleReceiver(ctx, req, res, parts.slice(1));
    let rateHeaders: Record<string, string> = {};
    let limited = false;
    if (parts[0] === 'api')
      res.once('finish', () =>
        opts.ledger.record(req.method ?? 'GET', url.pathname, res.statusCode, limited),
      );
    try {
      const token = auth(req);
      if (parts[0] === 'api') {
        try {
          rateHeaders = limiter.take(token);
        } catch (error) {
          limited = true;
          throw error;
        }
        for (const [k, v] of Object.entries(rateHeaders)) res.setHeader(k, v);
        if (parts[1] === 'v1' && parts[2] === 'sites' && parts[3])
          await apiWeather(parts[3], ctx.scenarios, weatherRng, ctx.scheduler);
      }
      const m = router.match(req.method ?? 'GET', url.pathname);
      if (m.kind === 'not_found')
        throw new HttpError(404, `No route for ${req.method ?? ''} ${url.pathname.slice(0, 200)}`);
      if (m.kind === 'method_not_allowed') {
        throw new HttpError(405, `${req.method ?? ''} is not allowed here`, undefined, undefined, {
          allow: m.allow.join(', '),
        });
      }
      await m.handler({ req, res, params: m.params, query: url.searchParams });
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) {
        sendJson(res, err.status, err.body(), { ...rateHeaders, ...err.headers });
        return;
      }
      process.stderr.write(
        `sandbox: internal error on ${req.method ?? ''} ${url.pathname}: ${(err as Error).stack ?? String(err)}\n`,
      );
      sendJson(res, 500, {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Unexpected sandbox error',
      });
    }
  }

  return createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
}
