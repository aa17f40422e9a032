import {
  INTEGRATION_BODY_SCHEMAS,
  PROVIDER_SECRET_FIELDS,
} from '../../../shared/contract/integration';
import { PROVIDER_KEYS } from '../../../shared/contract/providers';
import { API, type SandboxContext } from '../context';
import { DEFAULT_MAPPINGS, DEFAULT_REVERSE_MAPPING } from '../defaults';
import { HttpError, unprocessable } from '../errors';
import { readJson, sendEmpty, sendJson } from '../http-io';
import { checkIfMatch, etagOf, incomingBody, integrationResource } from '../resources';
import type { Router } from '../router';
import { Streams } from '../sim/streams';
import { StoredIntegration } from '../store/schema';
import { logsPage, providerParam } from './params';

export function integrationRoutes(router: Router, ctx: SandboxContext): void {
  router.add('GET', API, ({ res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const integrations = PROVIDER_KEYS.flatMap((p) => {
      const s = site.integrations[p];
      return s ? [integrationResource(site.id, s)] : [];
    });
    sendJson(res, 200, { siteId: site.id, integrations });
  });

  router.add('GET', `${API}/:provider`, ({ res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const provider = providerParam(params.provider);
    const stored = site.integrations[provider];
    if (!stored) throw new HttpError(404, `No ${provider} integration on site ${site.id}`);
    const resource = integrationResource(site.id, stored);
    sendJson(res, 200, resource, { etag: etagOf(resource) });
  });

  router.add('PUT', `${API}/:provider`, async ({ req, res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const provider = providerParam(params.provider);
    const body = await readJson(req);
    // Check and write are one step: the If-Match is compared with the site as it is when the
    // write runs, never with a copy read before the body arrived.
    const { resource, created } = await ctx.state.update(site, (s) => {
      const stored = s.integrations[provider];
      const current = stored ? integrationResource(s.id, stored) : undefined;
      checkIfMatch(req.headers['if-match'], current && etagOf(current), current);
      const incoming = incomingBody(body, 'integration', {
        field: 'config',
        stored: stored?.config,
        names: PROVIDER_SECRET_FIELDS[provider],
      });
      const parsed = INTEGRATION_BODY_SCHEMAS[provider].safeParse(incoming);
      if (!parsed.success) throw unprocessable(parsed.error, `${provider} integration`);
      const now = new Date().toISOString();
      const next = StoredIntegration.parse({
        ...parsed.data,
        provider,
        createdAt: stored?.createdAt ?? now,
        updatedAt: now,
        version: (stored?.version ?? 0) + 1,
      });
      s.integrations[provider] = next;
      return { resource: integrationResource(s.id, next), created: !stored };
    });
    sendJson(res, created ? 201 : 200, resource, { etag: etagOf(resource) });
  });

  router.add('DELETE', `${API}/:provider`, async ({ req, res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const provider = providerParam(params.provider);
    await ctx.state.update(site, (s) => {
      const stored = s.integrations[provider];
      if (!stored) throw new HttpError(404, `No ${provider} integration on site ${s.id}`);
      const current = integrationResource(s.id, stored);
      checkIfMatch(req.headers['if-match'], etagOf(current), current);
      delete s.integrations[provider];
    });
    sendEmpty(res, 204);
  });

  router.add('GET', `${API}/:provider/mappings`, ({ res, params }) => {
    ctx.state.require(params.siteId ?? '');
    const provider = providerParam(params.provider);
    sendJson(res, 200, {
      provider,
      eventMapping: DEFAULT_MAPPINGS[provider],
      reverseEventMapping: DEFAULT_REVERSE_MAPPING,
    });
  });

  router.add('GET', `${API}/:provider/logs`, ({ res, params, query }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const provider = providerParam(params.provider);
    // Logs of a deleted integration stay readable: they are what an operator needs after a mistake.
    sendJson(
      res,
      200,
      logsPage(ctx.streams.get(Streams.providerKey(site.id, provider)).ring, query),
    );
  });
}
