import type { IncomingMessage, ServerResponse } from 'node:http';
import { safeEqual as same } from '../base/safe-equal';
import type { SandboxContext } from './context';
import { sendJson } from './http-io';
import { verifyStandardWebhook } from './sim/webhook-signing';
import type { StoredWebhook } from './store/schema';

const MAX = 1024 * 1024;

/** Checks the credentials a real receiver would check, so a wrong secret shows up as 401s in the logs. */
function authOk(
  hook: Pick<StoredWebhook, 'authType' | 'authConfig'>,
  req: IncomingMessage,
  body: string,
): { ok: true } | { ok: false; reason: string } {
  const c = hook.authConfig;
  const h = (n: string) => {
    const v = req.headers[n];
    return typeof v === 'string' ? v : undefined;
  };
  switch (hook.authType) {
    case 'none':
      return { ok: true };
    case 'bearer':
      return same(h('authorization') ?? '', `Bearer ${c.token ?? ''}`)
        ? { ok: true }
        : { ok: false, reason: 'bad bearer token' };
    case 'basic': {
      const expected = `Basic ${Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`).toString('base64')}`;
      return same(h('authorization') ?? '', expected)
        ? { ok: true }
        : { ok: false, reason: 'bad basic credentials' };
    }
    case 'api_key':
      return same(h((c.headerName ?? 'x-api-key').toLowerCase()) ?? '', c.key ?? '')
        ? { ok: true }
        : { ok: false, reason: 'bad api key' };
    case 'hmac':
    case 'signature':
      return verifyStandardWebhook(
        c.secret ?? '',
        {
          id: h('webhook-id'),
          timestamp: h('webhook-timestamp'),
          signature: h('webhook-signature'),
        },
        body,
      );
  }
}

/**
 * The built-in webhook receiver (`POST /__receiver/:siteId/:webhookId`), where the seeded webhooks
 * deliver. No API token: it is a destination, authenticated by the webhook's own scheme.
 * `webhook_receiver_down` makes it answer 503 with a Retry-After, like a real app behind a proxy.
 */
export async function handleReceiver(
  ctx: SandboxContext,
  req: IncomingMessage,
  res: ServerResponse,
  parts: string[],
): Promise<void> {
  const [siteId, hookId] = parts;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX)
      return sendJson(res, 413, {
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'receiver accepts 1 MB',
      });
    chunks.push(chunk);
  }
  if (req.method !== 'POST')
    return sendJson(
      res,
      405,
      { statusCode: 405, error: 'Method Not Allowed', message: 'POST only' },
      { allow: 'POST' },
    );
  const site = siteId ? ctx.state.find(siteId) : undefined;
  const hook = site?.webhooks.find((w) => w.id === hookId);
  if (!site || !hook)
    return sendJson(res, 404, { statusCode: 404, error: 'Not Found', message: 'no such receiver' });
  if (ctx.scenarios.isActive('webhook_receiver_down', site.id)) {
    return sendJson(
      res,
      503,
      { statusCode: 503, error: 'Service Unavailable', message: 'receiver is down (drill)' },
      { 'retry-after': '1' },
    );
  }
  const body = Buffer.concat(chunks).toString('utf8');
  const auth = authOk(ctx.receiverCredentials.get(`${site.id}/${hook.id}`) ?? hook, req, body);
  if (!auth.ok)
    return sendJson(res, 401, { statusCode: 401, error: 'Unauthorized', message: auth.reason });
  sendJson(res, 200, { received: true });
}
