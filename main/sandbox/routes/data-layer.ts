import { DataLayerConfig } from '../../../shared/contract/data-layer';
import { API, type SandboxContext } from '../context';
import { unprocessable } from '../errors';
import { readJson, sendJson } from '../http-io';
import { checkIfMatch, dataLayerResource, etagOf, incomingBody } from '../resources';
import type { Router } from '../router';
import { StoredDataLayer } from '../store/schema';

export function dataLayerRoutes(router: Router, ctx: SandboxContext): void {
  router.add('GET', `${API}/data-layer`, ({ res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const resource = dataLayerResource(site.dataLayer);
    sendJson(res, 200, resource, { etag: etagOf(resource) });
  });

  router.add('PUT', `${API}/data-layer`, async ({ req, res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const body = await readJson(req);
    const resource = await ctx.state.update(site, (s) => {
      const current = dataLayerResource(s.dataLayer);
      checkIfMatch(req.headers['if-match'], etagOf(current), current);
      // PUT replaces: absent fields fall back to the documented defaults, not to the old values.
      const parsed = DataLayerConfig.safeParse(incomingBody(body, 'data-layer'));
      if (!parsed.success) throw unprocessable(parsed.error, 'data-layer config');
      s.dataLayer = StoredDataLayer.parse({
        ...parsed.data,
        updatedAt: new Date().toISOString(),
        version: s.dataLayer.version + 1,
      });
      return dataLayerResource(s.dataLayer);
    });
    sendJson(res, 200, resource, { etag: etagOf(resource) });
  });
}
