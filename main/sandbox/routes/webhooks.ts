import { randomUUID } from 'node:crypto';
import { WebhookBody } from '../../../shared/contract/webhooks';
import { API, type SandboxContext } from '../context';
import { HttpError, unprocessable } from '../errors';
import { readJson, sendEmpty, sendJson } from '../http-io';
import { checkIfMatch, etagOf, incomingBody, webhookResource } from '../resources';
import type { Router } from '../router';
import { isLoopbackUrl } from '../sim/webhook-delivery';
import { Streams } from '../sim/streams';
import { StoredWebhook } from '../store/schema';
import { findWebhook, logsPage } from './params';
import { webhookTestRoute } from './webhook-test';

const ALL_SECRET_FIELDS = ['token', 'password', 'secret', 'key'] as const;
const HOOK = `${API}/webhooks/:webhookId`;

function parseBody(ctx: SandboxContext, body: unknown, stored: StoredWebhook | undefined) {
  const incoming = incomingBody(body, 'webhook', {
    field: 'authConfig',
    stored: stored?.authConfig,
    names: ALL_SECRET_FIELDS,
  });
  const parsed = WebhookBody.safeParse(incoming);
  if (!parsed.success) throw unprocessable(parsed.error, 'webhook');
  if (!ctx.allowExternalWebhooks && !isLoopbackUrl(parsed.data.url)) {
    throw new HttpError(422, 'The sandbox only delivers to loopback URLs', [
      {
        path: 'url',
        message:
          'use http://127.0.0.1:<port>/... or start the sandbox with --allow-external-webhooks',
      },
    ]);
  }
  return parsed.data;
}

export function webhookRoutes(router: Router, ctx: SandboxContext): void {
  router.add('GET', `${API}/webhooks`, ({ res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    sendJson(res, 200, { webhooks: site.webhooks.map(webhookResource) });
  });

  router.add('POST', `${API}/webhooks`, async ({ req, res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const data = parseBody(ctx, await readJson(req), undefined);
    const now = new Date().toISOString();
    const hook = StoredWebhook.parse({
      ...data,
      id: randomUUID(),
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await ctx.state.update(site, (s) => {
      s.webhooks.push(hook);
    });
    ctx.receiverCredentials.set(`${site.id}/${hook.id}`, {
      authType: hook.authType,
      authConfig: hook.authConfig,
    });
    const resource = webhookResource(hook);
    sendJson(res, 201, resource, {
      etag: etagOf(resource),
      location: `/api/v1/sites/${site.id}/integrations/webhooks/${hook.id}`,
    });
  });

  router.add('GET', HOOK, ({ res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const resource = webhookResource(findWebhook(site, params.webhookId));
    sendJson(res, 200, resource, { etag: etagOf(resource) });
  });

  router.add('PUT', HOOK, async ({ req, res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    findWebhook(site, params.webhookId); // 404 before reading a body for nothing
    const body = await readJson(req);
    // Check and write are one step, against the webhook as it is now: a PUT whose body was slow
    // to arrive is compared with every write that landed meanwhile (it used to get 200 too).
    const resource = await ctx.state.update(site, (s) => {
      const stored = findWebhook(s, params.webhookId);
      const current = webhookResource(stored);
      checkIfMatch(req.headers['if-match'], etagOf(current), current);
      const data = parseBody(ctx, body, stored);
      const next = StoredWebhook.parse({
        ...data,
        id: stored.id,
        createdAt: stored.createdAt,
        updatedAt: new Date().toISOString(),
        version: stored.version + 1,
      });
      s.webhooks = s.webhooks.map((w) => (w.id === stored.id ? next : w));
      return webhookResource(next);
    });
    sendJson(res, 200, resource, { etag: etagOf(resource) });
  });

  router.add('DELETE', HOOK, async ({ req, res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const id = await ctx.state.update(site, (s) => {
      const stored = findWebhook(s, params.webhookId);
      const current = webhookResource(stored);
      checkIfMatch(req.headers['if-match'], etagOf(current), current);
      s.webhooks = s.webhooks.filter((w) => w.id !== stored.id);
      return stored.id;
    });
    ctx.streams.drop(Streams.webhookKey(site.id, id));
    sendEmpty(res, 204);
  });

  router.add('GET', `${HOOK}/logs`, ({ res, params, query }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const hook = findWebhook(site, params.webhookId);
    sendJson(res, 200, logsPage(ctx.streams.get(Streams.webhookKey(site.id, hook.id)).ring, query));
  });

  webhookTestRoute(router, ctx, HOOK);
}
