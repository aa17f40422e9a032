import { getPath } from '../../../../shared/domain/rules';
import type { Diagnostic, ProviderSim } from './types';
import { num, str } from './types';

const iso = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '+00:00');

/**
 * Google Ads click-conversion upload with partial_failure=true: HTTP 200 even when a conversion
 * is refused, the refusal sits in `partial_failure_error`; quota is RESOURCE_EXHAUSTED + retry_delay.
 */
export const gads: ProviderSim = {
  key: 'gads',
  build(ev, mapped, integration, site) {
    const value =
      num(getPath(ev.payload, 'order.total')) ?? num(getPath(ev.payload, 'basket.total'));
    const valueBased = integration.config.valueBased === true;
    return {
      partial_failure: true,
      conversions: [
        {
          conversion_action: `${String(integration.config.conversionId)}/${String(integration.config.conversionLabel)}`,
          conversion_name: mapped,
          conversion_date_time: iso(ev.timestamp),
          gclid: getPath(ev.payload, 'context.gclid'),
          order_id: getPath(ev.payload, 'order.id'),
          ...(valueBased
            ? {
                conversion_value: value,
                currency_code:
                  str(getPath(ev.payload, 'order.currency'))?.toUpperCase() ?? site.currency,
              }
            : {}),
        },
      ],
    };
  },
  validate(body, integration) {
    const blocking: Diagnostic[] = [];
    const warnings: Diagnostic[] = [];
    const conversions = (body.conversions as Record<string, unknown>[] | undefined) ?? [];
    if (conversions.length > 2000)
      blocking.push({
        fieldPath: 'conversions',
        code: 'TOO_MANY_CONVERSIONS_IN_REQUEST',
        description: 'at most 2,000 conversions',
      });
    conversions.forEach((c, i) => {
      if (!str(c.gclid))
        blocking.push({
          fieldPath: `conversions[${i}].gclid`,
          code: 'CLICK_NOT_FOUND',
          description: 'no gclid: the conversion cannot be attributed to an ad click',
        });
      // Google Ads then falls back to the conversion action's default value: accepted, but worth a diagnostic.
      if (integration.config.valueBased === true && num(c.conversion_value) === undefined) {
        warnings.push({
          fieldPath: `conversions[${i}].conversion_value`,
          code: 'DEFAULT_VALUE_USED',
          description: 'valueBased is on but the event has no value',
        });
      }
    });
    return { blocking, warnings };
  },
  credentials() {
    return {
      status: 'pass',
      message: 'Uses the platform-linked Google Ads account (no per-site secret)',
    };
  },
  respond(body, integration, cond, rng) {
    const latencyMs = rng.int(120, 420);
    const jobId = rng.int(1e8, 9e8);
    if (rng.chance(cond.throttle)) {
      const seconds = rng.int(2, 6);
      return {
        ok: false,
        httpStatus: 429,
        latencyMs,
        kind: 'throttle',
        retryAfterMs: seconds * 1000,
        error: {
          code: 'RESOURCE_EXHAUSTED',
          message: `Too many requests. Retry in ${seconds} seconds.`,
        },
        response: {
          error: {
            code: 429,
            status: 'RESOURCE_EXHAUSTED',
            details: [{ quotaError: { rateScope: 'ACCOUNT', retryDelay: `${seconds}s` } }],
          },
        },
      };
    }
    if (rng.chance(cond.serverError)) {
      return {
        ok: false,
        httpStatus: 503,
        latencyMs,
        kind: 'server',
        error: { code: 'UNAVAILABLE', message: 'The service is currently unavailable.' },
        response: { error: { code: 503, status: 'UNAVAILABLE' } },
      };
    }
    const refused = this.validate(body, integration, Date.now()).blocking[0];
    if (refused) {
      return {
        ok: false,
        httpStatus: 200,
        latencyMs,
        kind: 'rejected',
        error: { code: refused.code, message: refused.description },
        response: {
          results: [{}],
          partial_failure_error: { code: 3, message: `${refused.code}: ${refused.description}` },
          job_id: jobId,
        },
      };
    }
    return {
      ok: true,
      httpStatus: 200,
      latencyMs,
      response: {
        results: [
          {
            conversion_action: (body.conversions as Record<string, unknown>[])[0]
              ?.conversion_action,
          },
        ],
        job_id: jobId,
      },
    };
  },
  summary(body) {
    const c = (body.conversions as Record<string, unknown>[] | undefined)?.[0] ?? {};
    return {
      conversion: c.conversion_name,
      value: c.conversion_value,
      currency: c.currency_code,
      hasGclid: typeof c.gclid === 'string',
      ...(c.order_id !== undefined ? { order_id: c.order_id } : {}),
    };
  },
};
