import { createHash } from 'node:crypto';
import { getPath } from '../../../../shared/domain/rules';
import type { Diagnostic, ProviderOutcome, ProviderSim } from './types';
import { num, str } from './types';

const sha256 = (s: string) => createHash('sha256').update(s.trim().toLowerCase()).digest('hex');
const trace = (rng: { hex(n: number): string }) => `A${rng.hex(10)}`;

function metaError(
  httpStatus: number,
  code: number,
  message: string,
  fbtrace: string,
  subcode?: number,
): Pick<ProviderOutcome, 'httpStatus' | 'error' | 'response'> {
  return {
    httpStatus,
    error: { code: `OAuthException:${code}${subcode ? `/${subcode}` : ''}`, message },
    response: {
      error: {
        message,
        type: 'OAuthException',
        code,
        ...(subcode ? { error_subcode: subcode } : {}),
        fbtrace_id: fbtrace,
      },
    },
  };
}

/** A Conversions API token looks like EAA + a long base62 string; anything else is refused as 190. */
const plausibleToken = (t: string | undefined) => !!t && /^EAA[A-Za-z0-9]{20,}$/.test(t);

/** Meta Conversions API: one invalid event rejects the whole batch; 190 = bad token; 4/17 = throttled. */
export const meta: ProviderSim = {
  key: 'meta',
  build(ev, mapped, integration, site) {
    const email = str(getPath(ev.payload, 'user.email'));
    const value =
      num(getPath(ev.payload, 'order.total')) ??
      num(getPath(ev.payload, 'basket.total')) ??
      num(getPath(ev.payload, 'product.price'));
    const currency =
      str(getPath(ev.payload, 'order.currency')) ??
      (value !== undefined ? site.currency : undefined);
    return {
      data: [
        {
          event_name: mapped,
          event_time: Math.floor(ev.timestamp / 1000),
          event_id: ev.eventId,
          action_source: 'website',
          event_source_url: `https://${site.domain}${str(getPath(ev.payload, 'page.path')) ?? '/'}`,
          user_data: {
            client_user_agent: getPath(ev.payload, 'context.userAgent'),
            client_ip_address: getPath(ev.payload, 'context.ip'),
            ...(integration.config.advancedMatching === true && email
              ? { em: [sha256(email)] }
              : {}),
          },
          custom_data: {
            ...(value !== undefined ? { value } : {}),
            ...(currency ? { currency } : {}),
            order_id: getPath(ev.payload, 'order.id'),
          },
        },
      ],
    };
  },
  validate(body, _integration, now) {
    const blocking: Diagnostic[] = [];
    const data = (body.data as Record<string, unknown>[] | undefined) ?? [];
    if (data.length > 1000)
      blocking.push({
        fieldPath: 'data',
        code: 'TOO_MANY_EVENTS',
        description: 'at most 1,000 events per request',
      });
    data.forEach((e, i) => {
      const t = num(e.event_time);
      if (t === undefined || now / 1000 - t > 7 * 86400) {
        blocking.push({
          fieldPath: `data[${i}].event_time`,
          code: 'INVALID_EVENT_TIME',
          description: 'event_time must be within the last 7 days, in seconds',
        });
      }
      const cd = (e.custom_data ?? {}) as Record<string, unknown>;
      const currency = str(cd.currency);
      if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
        blocking.push({
          fieldPath: `data[${i}].custom_data.currency`,
          code: 'INVALID_CURRENCY',
          description: `"${currency}" is not an upper-case ISO 4217 code`,
        });
      }
      if (e.event_name === 'Purchase' && (cd.value === undefined || currency === undefined)) {
        blocking.push({
          fieldPath: `data[${i}].custom_data`,
          code: 'MISSING_VALUE',
          description: 'Purchase needs value and currency',
        });
      }
    });
    return { blocking, warnings: [] };
  },
  credentials(integration) {
    const token = str(integration.config.accessToken);
    if (!token)
      return { status: 'fail', message: 'No accessToken: the Conversions API refuses every event' };
    if (!plausibleToken(token))
      return {
        status: 'fail',
        message: 'accessToken does not look like a Meta system-user token (EAA...)',
      };
    return { status: 'pass', message: 'accessToken present' };
  },
  respond(body, integration, cond, rng) {
    // Most answers land under 600 ms, with a tail past the 1.5 s client timeout Meta recommends.
    const latencyMs = rng.chance(0.02) ? rng.int(900, 1600) : rng.int(60, 550);
    const fbtrace = trace(rng);
    if (cond.credentialsRevoked || !plausibleToken(str(integration.config.accessToken))) {
      const reason = cond.credentialsRevoked
        ? 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.'
        : 'Invalid OAuth access token - Cannot parse access token';
      return {
        ok: false,
        latencyMs,
        kind: 'auth',
        ...metaError(401, 190, reason, fbtrace, cond.credentialsRevoked ? 460 : undefined),
      };
    }
    if (rng.chance(cond.throttle)) {
      const code = rng.chance(0.5) ? 4 : 17;
      const msg = code === 4 ? 'Application request limit reached' : 'User request limit reached';
      return {
        ok: false,
        latencyMs,
        kind: 'throttle',
        retryAfterMs: 2000,
        ...metaError(400, code, msg, fbtrace),
      };
    }
    if (rng.chance(cond.serverError)) {
      return {
        ok: false,
        latencyMs,
        kind: 'server',
        ...metaError(503, 2, 'Service temporarily unavailable', fbtrace),
      };
    }
    const invalid = this.validate(body, integration, Date.now()).blocking[0];
    if (invalid) {
      return {
        ok: false,
        latencyMs,
        kind: 'invalid',
        ...metaError(
          400,
          100,
          `Invalid parameter: ${invalid.fieldPath}: ${invalid.description}`,
          fbtrace,
        ),
      };
    }
    const count = (body.data as unknown[]).length;
    return {
      ok: true,
      httpStatus: 200,
      latencyMs,
      response: { events_received: count, messages: [], fbtrace_id: fbtrace },
    };
  },
  summary(body) {
    const e = (body.data as Record<string, unknown>[] | undefined)?.[0] ?? {};
    const cd = (e.custom_data ?? {}) as Record<string, unknown>;
    return {
      event_name: e.event_name,
      value: cd.value,
      currency: cd.currency,
      hashedEmail: !!(e.user_data as Record<string, unknown> | undefined)?.em,
      ...(cd.order_id !== undefined ? { order_id: cd.order_id } : {}),
    };
  },
};
