import { WebhookBody } from '../../../shared/contract/webhooks';
import type { TestResult, TestStep } from '../../../shared/contract/test-result';
import type { SandboxContext } from '../context';
import { sendJson } from '../http-io';
import type { Router } from '../router';
import { buildMessage } from '../sim/webhook-dispatch';
import { isLoopbackUrl } from '../sim/webhook-delivery';
import { findWebhook } from './params';

/** Sends one real test delivery (no retries: the operator wants the answer now) and logs it. */
export function webhookTestRoute(router: Router, ctx: SandboxContext, hookPath: string): void {
  router.add('POST', `${hookPath}/test`, async ({ res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const hook = findWebhook(site, params.webhookId);
    const startedAt = new Date();
    const t0 = performance.now();
    const steps: TestStep[] = [];
    const cfg = WebhookBody.safeParse(hook);
    const urlOk = ctx.allowExternalWebhooks || isLoopbackUrl(hook.url);
    steps.push({
      name: 'validate_config',
      ok: cfg.success && urlOk,
      message: !cfg.success
        ? `config invalid: ${cfg.error.issues[0]?.message ?? ''}`
        : urlOk
          ? `POST ${hook.url} with ${hook.authType} auth`
          : 'external URL blocked (loopback only)',
    });
    let response: unknown;
    let request: unknown;
    if (cfg.success && urlOk) {
      const event = hook.events[0] ?? 'purchase';
      const ev = ctx.pipeline.generator(site).next(Date.now(), event);
      const msg = buildMessage(site, event, ev, true);
      request = { id: msg.id, body: JSON.parse(msg.body) as unknown };
      const r = await ctx.webhooks.deliver(site, hook, msg, 1, false);
      response = { status: r.httpStatus ?? null, body: r.responseBody ?? null };
      steps.push({
        name: 'deliver',
        ok: r.ok,
        message: r.ok
          ? `HTTP ${r.httpStatus ?? ''} in ${r.durationMs} ms`
          : `${r.error?.code ?? 'failed'}: ${r.error?.message ?? ''}`,
        detail: { httpStatus: r.httpStatus ?? null, durationMs: r.durationMs },
      });
    }
    const result: TestResult = {
      ok: steps.every((s) => s.ok),
      webhookId: hook.id,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - t0),
      steps,
      ...(request ? { request } : {}),
      ...(response ? { response } : {}),
    };
    sendJson(res, 200, result);
  });
}
