import { PROVIDER_KEYS } from '../../../shared/contract/providers';
import { API, type SandboxContext } from '../context';
import { sendJson } from '../http-io';
import type { Router } from '../router';
import { providerHealth, siteHealth, webhookHealth } from '../sim/health';
import { Streams } from '../sim/streams';

export function healthRoute(router: Router, ctx: SandboxContext): void {
  router.add('GET', `${API}/health`, ({ res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const integrations = PROVIDER_KEYS.flatMap((p) => {
      const integ = site.integrations[p];
      return integ
        ? [providerHealth(p, integ, ctx.streams.get(Streams.providerKey(site.id, p)).window)]
        : [];
    });
    const webhooks = site.webhooks.map((w) =>
      webhookHealth(w, ctx.streams.get(Streams.webhookKey(site.id, w.id)).window),
    );
    sendJson(res, 200, siteHealth(site, integrations, webhooks));
  });
}
