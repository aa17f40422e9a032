import { getPath } from '../../../../shared/domain/rules';
import type { Diagnostic, ProviderSim } from './types';
import { num, str } from './types';

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const RESERVED_PREFIXES = ['google_', 'ga_', 'firebase_'];
const RESERVED_EVENTS = new Set([
  'ad_click',
  'app_remove',
  'error',
  'first_open',
  'session_start',
  'user_engagement',
]);

function checkName(path: string, name: string, isEvent: boolean, out: Diagnostic[]): void {
  if (!NAME.test(name)) {
    out.push({
      fieldPath: path,
      code: 'NAME_INVALID',
      description: `"${name}": at most 40 letters, digits or "_", starting with a letter`,
    });
  } else if (
    RESERVED_PREFIXES.some((p) => name.startsWith(p)) ||
    (isEvent && RESERVED_EVENTS.has(name))
  ) {
    out.push({
      fieldPath: path,
      code: 'NAME_RESERVED',
      description: `"${name}" is reserved by Google Analytics`,
    });
  }
}

/**
 * GA4 Measurement Protocol. The collect endpoint answers 204 whatever it gets and drops bad events
 * silently, so diagnostics are warnings here: the delivery "succeeds" and the data is missing.
 */
export const ga4: ProviderSim = {
  key: 'ga4',
  build(ev, mapped, integration, site) {
    const params: Record<string, unknown> = {
      engagement_time_msec: 100,
      session_id: getPath(ev.payload, 'context.sessionId'),
    };
    const total =
      num(getPath(ev.payload, 'order.total')) ??
      num(getPath(ev.payload, 'basket.total')) ??
      num(getPath(ev.payload, 'product.price'));
    if (total !== undefined) {
      params.value = total;
      params.currency = str(getPath(ev.payload, 'order.currency')) ?? site.currency;
    }
    const orderId = str(getPath(ev.payload, 'order.id'));
    if (orderId) params.transaction_id = orderId;
    const query = str(getPath(ev.payload, 'search.query'));
    if (query !== undefined) params.search_term = query;
    const path = str(getPath(ev.payload, 'page.path'));
    if (path) params.page_location = `https://${site.domain}${path}`;
    return {
      measurement_id: integration.config.measurementId,
      client_id: getPath(ev.payload, 'context.clientId') ?? 'unknown',
      timestamp_micros: ev.timestamp * 1000,
      events: [{ name: mapped, params }],
    };
  },
  validate(body, _integration, now) {
    const warnings: Diagnostic[] = [];
    const events = Array.isArray(body.events)
      ? (body.events as { name: string; params: Record<string, unknown> }[])
      : [];
    if (events.length > 25)
      warnings.push({
        fieldPath: 'events',
        code: 'EXCEEDED_MAX_ENTITIES',
        description: 'at most 25 events per request',
      });
    events.forEach((e, i) => {
      checkName(`events[${i}].name`, e.name, true, warnings);
      const keys = Object.keys(e.params);
      if (keys.length > 25)
        warnings.push({
          fieldPath: `events[${i}].params`,
          code: 'EXCEEDED_MAX_ENTITIES',
          description: 'at most 25 parameters per event',
        });
      for (const k of keys) {
        checkName(`events[${i}].params.${k}`, k, false, warnings);
        const v = e.params[k];
        if (typeof v === 'string' && v.length > 100) {
          warnings.push({
            fieldPath: `events[${i}].params.${k}`,
            code: 'VALUE_OUT_OF_BOUNDS',
            description: `value is ${v.length} characters; at most 100`,
          });
        }
      }
      if (e.params.value !== undefined && e.params.currency === undefined) {
        warnings.push({
          fieldPath: `events[${i}].params.currency`,
          code: 'VALUE_REQUIRED',
          description: 'currency is required when value is set',
        });
      }
    });
    const ts = num(body.timestamp_micros);
    if (ts !== undefined && now * 1000 - ts > 72 * 3600 * 1e6) {
      warnings.push({
        fieldPath: 'timestamp_micros',
        code: 'VALUE_OUT_OF_BOUNDS',
        description: 'events may be backdated at most 72 hours',
      });
    }
    if (JSON.stringify(body).length > 130 * 1024)
      warnings.push({
        fieldPath: '',
        code: 'VALUE_OUT_OF_BOUNDS',
        description: 'request body over 130 kB',
      });
    return { blocking: [], warnings };
  },
  credentials(integration) {
    // The collect endpoint never checks the api secret; without one, server-side sends are not possible.
    if (!str(integration.config.apiSecret))
      return {
        status: 'warn',
        message: 'No apiSecret: server-side Measurement Protocol sends are not possible',
      };
    return {
      status: 'pass',
      message: 'apiSecret present (GA4 does not verify it; a wrong one loses data silently)',
    };
  },
  respond(_body, _integration, cond, rng) {
    const latencyMs = rng.int(25, 140);
    if (rng.chance(cond.serverError)) {
      return {
        ok: false,
        httpStatus: 503,
        latencyMs,
        kind: 'server',
        error: { code: 'http_503', message: 'Service Unavailable' },
        response: null,
      };
    }
    if (rng.chance(cond.throttle * 0.5)) {
      return {
        ok: false,
        httpStatus: 429,
        latencyMs,
        kind: 'throttle',
        error: { code: 'http_429', message: 'Too Many Requests' },
        retryAfterMs: 1000,
        response: null,
      };
    }
    return { ok: true, httpStatus: 204, latencyMs, response: null };
  },
  summary(body) {
    const e = (body.events as { name: string; params: Record<string, unknown> }[] | undefined)?.[0];
    return {
      name: e?.name,
      value: e?.params.value,
      currency: e?.params.currency,
      params: e ? Object.keys(e.params).length : 0,
      // Order ids are business references, not personal data: real platforms log them too.
      ...(e?.params.transaction_id !== undefined
        ? { transaction_id: e.params.transaction_id }
        : {}),
    };
  },
};
