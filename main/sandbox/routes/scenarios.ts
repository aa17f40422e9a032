import { z } from 'zod';
import { ScenarioName } from '../../../shared/contract/sandbox';
import type { SandboxContext } from '../context';
import { HttpError, unprocessable } from '../errors';
import { readJson, sendEmpty, sendJson } from '../http-io';
import type { Router } from '../router';
import { overwriteMappings, suppressPurchases } from '../scenarios/config-drift';

const StartBody = z.object({ siteId: z.string().optional() }).default({});

function scenarioParam(raw: string | undefined) {
  const p = ScenarioName.safeParse(raw);
  if (!p.success)
    throw new HttpError(
      404,
      `Unknown scenario "${String(raw).slice(0, 60)}"; GET /__sandbox/scenarios lists them`,
    );
  return p.data;
}

/** The drill control: sandbox-only, same auth as the API, not rate limited (a drill must be stoppable). */
export function scenarioRoutes(router: Router, ctx: SandboxContext): void {
  router.add('GET', '/__sandbox/scenarios', ({ res }) => {
    sendJson(res, 200, { scenarios: ctx.scenarios.list() });
  });

  router.add('POST', '/__sandbox/scenarios/:name', async ({ req, res, params }) => {
    const name = scenarioParam(params.name);
    const body = StartBody.safeParse(await readJson(req));
    if (!body.success) throw unprocessable(body.error, 'scenario request');
    const site = body.data.siteId ? ctx.state.require(body.data.siteId) : ctx.state.all()[0];
    if (!site) throw new HttpError(404, 'No site to run the scenario on');
    ctx.scenarios.start(name, site.id);
    if (name === 'filter_suppression') await suppressPurchases(ctx.state, site);
    if (name === 'mapping_overwrite') await overwriteMappings(ctx.state, site);
    const scenario = ctx.scenarios.list().find((s) => s.name === name);
    sendJson(res, 200, scenario);
  });

  router.add('DELETE', '/__sandbox/scenarios/:name', ({ res, params }) => {
    ctx.scenarios.clear(scenarioParam(params.name));
    sendEmpty(res, 204);
  });

  router.add('DELETE', '/__sandbox/scenarios', ({ res }) => {
    ctx.scenarios.clearAll();
    sendEmpty(res, 204);
  });

  // What the API served (counts only): for rehearsals, tests and benchmarks.
  router.add('GET', '/__sandbox/requests', ({ res }) => {
    sendJson(res, 200, ctx.ledger.view());
  });
  router.add('DELETE', '/__sandbox/requests', ({ res }) => {
    ctx.ledger.reset();
    sendEmpty(res, 204);
  });
}
