import { PROVIDER_SECRET_FIELDS } from '../contract/integration';
import { PROVIDER_KEYS, type ProviderKey } from '../contract/providers';
import { isMasked, maskSecret, MASK_PREFIX } from '../contract/secrets';
import { WEBHOOK_AUTH_FIELDS } from '../contract/webhooks';

type Body = Record<string, unknown>;

const WEBHOOK_SECRETS = [...new Set(Object.values(WEBHOOK_AUTH_FIELDS).flatMap((f) => f.secret))];

/** The secret fields of a target ('ga4' | 'meta' | 'gads' | 'webhook:<id>' | 'data-layer'). */
function secretFields(target: string): [container: string, fields: readonly string[]] | undefined {
  if ((PROVIDER_KEYS as readonly string[]).includes(target))
    return ['config', PROVIDER_SECRET_FIELDS[target as ProviderKey]];
  if (target.startsWith('webhook:')) return ['authConfig', WEBHOOK_SECRETS];
  return undefined;
}

const maskOne = (v: unknown): string =>
  typeof v === 'string' ? (isMasked(v) ? v : maskSecret(v)) : MASK_PREFIX;

/**
 * A copy of a configuration body with every secret masked the way the API masks them on read.
 * Anything kept on disk (snapshots, the change journal, applied drafts) goes through this: secrets
 * live only in the OS keychain and on the server.
 */
export function maskBodySecrets(target: string, body: Body): Body {
  const copy = structuredClone(body);
  const fields = secretFields(target);
  const container = fields ? copy[fields[0]] : undefined;
  if (fields && container && typeof container === 'object' && !Array.isArray(container)) {
    const c = container as Body;
    for (const f of fields[1]) if (Object.hasOwn(c, f) && c[f] !== undefined) c[f] = maskOne(c[f]);
  }
  return copy;
}
