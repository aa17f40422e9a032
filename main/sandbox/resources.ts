import { createHash } from 'node:crypto';
import type { IntegrationResource } from '../../shared/contract/integration';
import { PROVIDER_SECRET_FIELDS } from '../../shared/contract/integration';
import type { ProviderKey } from '../../shared/contract/providers';
import { isMasked, maskSecret } from '../../shared/contract/secrets';
import { WEBHOOK_AUTH_FIELDS, type Webhook } from '../../shared/contract/webhooks';
import type { DataLayerConfig } from '../../shared/contract/data-layer';
import { HttpError, type ErrorDetail } from './errors';
import type { StoredDataLayer, StoredIntegration, StoredWebhook } from './store/schema';

/** A strong ETag over the representation the client sees, so any visible change changes it. */
export function etagOf(resource: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(resource)).digest('base64url').slice(0, 22)}"`;
}

function maskFields(
  obj: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  const out = { ...obj };
  for (const f of fields) if (typeof out[f] === 'string') out[f] = maskSecret(out[f]);
  return out;
}

export function integrationResource(siteId: string, s: StoredIntegration): IntegrationResource {
  const { version: _v, ...rest } = s;
  return { ...rest, siteId, config: maskFields(s.config, PROVIDER_SECRET_FIELDS[s.provider]) };
}

export function webhookResource(w: StoredWebhook): Webhook {
  const { version: _v, ...rest } = w;
  return { ...rest, authConfig: maskFields(w.authConfig, WEBHOOK_AUTH_FIELDS[w.authType].secret) };
}

export function dataLayerResource(d: StoredDataLayer): DataLayerConfig {
  const { version: _v, ...rest } = d;
  return rest;
}

/**
 * A PUT that sends a masked secret back means "keep what you have". A mask with nothing stored
 * behind it cannot be honoured: that is a 422, not a silent empty secret.
 */
export function restoreMasked(
  incoming: Record<string, unknown>,
  stored: Record<string, unknown> | undefined,
  fields: readonly string[],
  pathPrefix: string,
): Record<string, unknown> {
  const out = { ...incoming };
  const details: ErrorDetail[] = [];
  for (const f of fields) {
    if (!isMasked(out[f])) continue;
    const kept = stored?.[f];
    if (typeof kept === 'string') out[f] = kept;
    else
      details.push({
        path: `${pathPrefix}.${f}`,
        message: 'a masked value was sent but no secret is stored: send the real value',
      });
  }
  if (details.length) throw new HttpError(422, 'Cannot keep a secret that was never set', details);
  return out;
}

/**
 * The body of a PUT or POST as the whole object it must be, without the fields the server owns,
 * and with the masked secrets of `secrets.field` put back from what is stored.
 */
export function incomingBody(
  body: unknown,
  what: string,
  secrets?: {
    field: string;
    stored: Record<string, unknown> | undefined;
    names: readonly string[];
  },
): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(422, `Send the whole ${what} object as JSON`, [
      { path: '(body)', message: 'expected an object' },
    ]);
  }
  const incoming = stripReadOnly(body) as Record<string, unknown>;
  const nested = secrets ? incoming[secrets.field] : undefined;
  if (secrets && nested && typeof nested === 'object' && !Array.isArray(nested))
    incoming[secrets.field] = restoreMasked(
      nested as Record<string, unknown>,
      secrets.stored,
      secrets.names,
      secrets.field,
    );
  return incoming;
}

/** Fields the server owns; a client echoing them from a GET must not be able to set them. */
export function stripReadOnly(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const {
    provider: _p,
    siteId: _s,
    createdAt: _c,
    updatedAt: _u,
    id: _i,
    version: _v,
    ...rest
  } = body as Record<string, unknown>;
  return rest;
}

export function checkIfMatch(
  ifMatch: string | string[] | undefined,
  currentEtag: string | undefined,
  current: unknown,
): void {
  if (ifMatch === undefined) return;
  const values = (Array.isArray(ifMatch) ? ifMatch.join(',') : ifMatch)
    .split(',')
    .map((s) => s.trim().replace(/^W\//, ''));
  if (currentEtag && (values.includes('*') || values.includes(currentEtag))) return;
  throw new HttpError(
    412,
    currentEtag
      ? 'The resource changed since you read it (stale If-Match)'
      : 'The resource does not exist (If-Match given)',
    undefined,
    {
      current: current ?? null,
      ...(currentEtag ? { etag: currentEtag } : {}),
    },
  );
}

export type { ProviderKey };
