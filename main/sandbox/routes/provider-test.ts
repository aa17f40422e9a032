import { z } from 'zod';
import { INTEGRATION_BODY_SCHEMAS } from '../../../shared/contract/integration';
import type { TestResult, TestStep } from '../../../shared/contract/test-result';
import { EventName } from '../../../shared/contract/events';
import { classifyEvent, evaluateFilter, reverseMap } from '../../../shared/domain/rules';
import { API, type SandboxContext } from '../context';
import { HttpError, unprocessable } from '../errors';
import { readJson, sendJson } from '../http-io';
import type { Router } from '../router';
import { effectiveIntegration } from '../sim/pipeline';
import { PROVIDERS } from '../sim/providers';
import { PROVIDER_MAX_ATTEMPTS, isRetryable } from '../sim/retry';
import { Streams } from '../sim/streams';
import { providerParam } from './params';

/** Optional body: which event to try (external names allowed) and a payload to try it with. */
const TestRequest = z
  .object({
    event: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[^\s]+$/)
      .optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
  })
  .default({});

export function providerTestRoute(router: Router, ctx: SandboxContext): void {
  router.add('POST', `${API}/:provider/test`, async ({ req, res, params }) => {
    const site = ctx.state.require(params.siteId ?? '');
    const provider = providerParam(params.provider);
    const stored = site.integrations[provider];
    if (!stored) throw new HttpError(404, `No ${provider} integration on site ${site.id}`);
    const parsedReq = TestRequest.safeParse(await readJson(req));
    if (!parsedReq.success) throw unprocessable(parsedReq.error, 'test request');
    const integ = effectiveIntegration(site, stored);
    const sim = PROVIDERS[provider];
    const startedAt = new Date();
    const t0 = performance.now();
    const steps: TestStep[] = [];
    const done = (extra: Partial<TestResult> = {}) => {
      const ok = steps.every((s) => s.ok);
      sendJson(res, 200, {
        ok,
        provider,
        testMode: integ.testMode,
        startedAt: startedAt.toISOString(),
        durationMs: Math.round(performance.now() - t0),
        steps,
        ...extra,
      } satisfies TestResult);
    };

    const cfg = INTEGRATION_BODY_SCHEMAS[provider].safeParse(stored);
    const cred = sim.credentials(stored);
    if (!cfg.success || cred.status === 'fail') {
      steps.push({
        name: 'validate_config',
        ok: false,
        message: cfg.success
          ? cred.message
          : `config invalid: ${cfg.error.issues[0]?.message ?? ''}`,
        detail: cfg.success ? undefined : cfg.error.issues,
      });
      return done();
    }
    steps.push({
      name: 'validate_config',
      ok: true,
      message:
        cred.status === 'warn'
          ? `config valid; ${cred.message}`
          : 'config valid, credentials present',
    });

    // Default sample: a purchase when mapped (the conversion operators care about), else the first mapped event.
    const wanted =
      parsedReq.data.event ??
      (integ.eventMapping.purchase
        ? 'purchase'
        : (Object.keys(integ.eventMapping)[0] ?? 'page_view'));
    const canonical = reverseMap(integ.reverseEventMapping, wanted);
    const nameCheck = EventName.safeParse(canonical);
    steps.push({
      name: 'reverse_map',
      ok: nameCheck.success,
      message: wanted === canonical ? `"${wanted}" is canonical` : `"${wanted}" -> "${canonical}"`,
    });
    if (!nameCheck.success) return done();
    const sample = ctx.pipeline.generator(site).sample(Date.now(), canonical);
    const ev = { ...sample, name: wanted, payload: parsedReq.data.payload ?? sample.payload };

    const verdict = evaluateFilter(integ.eventFilters[canonical], ev.payload);
    steps.push(
      verdict.pass
        ? {
            name: 'filter',
            ok: true,
            message: integ.eventFilters[canonical]
              ? 'the filter lets this event through'
              : 'no filter on this event',
          }
        : {
            name: 'filter',
            ok: false,
            message: `the filter drops this event: ${verdict.reason}`,
            detail: { condition: verdict.condition },
          },
    );
    if (!verdict.pass) return done();

    const c = classifyEvent(integ, ev);
    if (c.status !== 'sent') {
      steps.push({
        name: 'map',
        ok: false,
        message: `no mapping for "${canonical}": the event would be skipped (no_mapping)`,
      });
      return done();
    }
    steps.push({ name: 'map', ok: true, message: `"${canonical}" -> "${c.mappedEvent}"` });

    const body = sim.build(ev, c.mappedEvent, integ, site);
    const v = sim.validate(body, integ, Date.now());
    const diag = [...v.blocking, ...v.warnings];
    steps.push({
      name: 'validate_payload',
      ok: v.blocking.length === 0,
      message: v.blocking.length
        ? `the provider would reject this payload: ${v.blocking.map((d) => d.code).join(', ')}`
        : v.warnings.length
          ? `accepted, but the provider would drop data silently: ${v.warnings.map((d) => d.code).join(', ')}`
          : 'payload follows the provider rules',
      ...(diag.length ? { detail: diag } : {}),
    });
    if (v.blocking.length) return done({ request: body });

    const stream = ctx.streams.get(Streams.providerKey(site.id, provider));
    const logBase = {
      timestamp: new Date().toISOString(),
      provider,
      event: canonical,
      mappedEvent: c.mappedEvent,
      eventId: ev.eventId,
      test: true,
      payload: sim.summary(body),
    };
    if (integ.testMode) {
      steps.push({ name: 'deliver', ok: true, message: 'testMode is on: logged, nothing sent' });
      stream.ring.push({ ...logBase, status: 'test_mode', attempt: 0 });
      return done({ request: body });
    }
    // Delivered as live events are: throttling and 5xx get the pipeline's retries, so a test
    // fails for a real outage, not for one transient 503 among thousands of deliveries.
    let attempt = 1;
    let out = sim.respond(
      body,
      integ,
      ctx.scenarios.conditions(site.id, provider),
      ctx.pipeline.rng,
    );
    for (;;) {
      await ctx.scheduler.sleep(out.latencyMs);
      const entry = {
        ...logBase,
        timestamp: new Date().toISOString(),
        attempt,
        httpStatus: out.httpStatus,
        durationMs: out.latencyMs,
        ...(out.error ? { error: out.error } : {}),
      };
      if (out.ok || !isRetryable(out) || attempt >= PROVIDER_MAX_ATTEMPTS) {
        stream.ring.push({ ...entry, status: out.ok ? 'sent' : 'failed' });
        break;
      }
      const delay = ctx.pipeline.retryDelayMs(attempt, out);
      stream.ring.push({
        ...entry,
        status: 'retrying',
        reason: `retry ${attempt + 1}/${PROVIDER_MAX_ATTEMPTS} in ${delay} ms`,
      });
      await ctx.scheduler.sleep(delay);
      attempt += 1;
      out = sim.respond(body, integ, ctx.scenarios.conditions(site.id, provider), ctx.pipeline.rng);
    }
    const tries = attempt > 1 ? ` after ${attempt} attempts` : '';
    steps.push({
      name: 'deliver',
      ok: out.ok,
      message: out.ok
        ? `HTTP ${out.httpStatus} in ${out.latencyMs} ms${tries}`
        : `${out.kind === 'auth' ? 'credentials rejected' : 'delivery failed'}${tries}: HTTP ${out.httpStatus} ${out.error?.code ?? ''} ${out.error?.message ?? ''}`.trim(),
      detail: { httpStatus: out.httpStatus, latencyMs: out.latencyMs, attempts: attempt },
    });
    done({ request: body, response: out.response });
  });
}
