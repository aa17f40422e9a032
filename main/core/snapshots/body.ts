import { createHash } from 'node:crypto';
import { targetKind, type SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { PROVIDER_SECRET_FIELDS } from '../../../shared/contract/integration';
import type { ProviderKey } from '../../../shared/contract/providers';
import { isMasked, maskSecret, MASK_PREFIX } from '../../../shared/contract/secrets';
import { WEBHOOK_AUTH_FIELDS } from '../../../shared/contract/webhooks';
import { canonicalJson, VOLATILE_FIELDS } from '../../../shared/domain/diff';

type Body = Record<string, unknown>;

const WEBHOOK_SECRETS = [...new Set(Object.values(WEBHOOK_AUTH_FIELDS).flatMap((f) => f.secret))];
/** Key names that hold credentials wherever they appear (defence in depth for imported bodies). */
const SECRET_LIKE = new Set(['apiSecret', 'accessToken', 'token', 'password', 'secret', 'key', 'clientSecret', 'privateKey', 'refreshToken']);
/** Records keyed by event names: their keys are data, not field names. */
const EVENT_KEYED = new Set(['eventMapping', 'reverseEventMapping', 'eventFilters', 'events']);

/** The secret fields of a target, as [container, field] pairs. */
function secretFields(target: SnapshotTarget): [string, readonly string[]] | undefined {
  const kind = targetKind(target);
  if (kind === 'provider') return ['config', PROVIDER_SECRET_FIELDS[target as ProviderKey]];
  if (kind === 'webhook') return ['authConfig', WEBHOOK_SECRETS];
  return undefined;
}

const maskOne = (v: unknown): string => (typeof v === 'string' ? (isMasked(v) ? v : maskSecret(v)) : MASK_PREFIX);

/**
 * What a snapshot stores: the behaviour-defining body, without server bookkeeping (which changes
 * on every write and would defeat dedupe) and with every secret masked (secrets are never stored).
 */
export function snapshotBody(target: SnapshotTarget, live: Body): Body {
  const body: Body = {};
  for (const [k, v] of Object.entries(live)) if (!VOLATILE_FIELDS.has(k) && v !== undefined) body[k] = structuredClone(v);
  const fields = secretFields(target);
  const container = fields ? body[fields[0]] : undefined;
  if (fields && container && typeof container === 'object' && !Array.isArray(container)) {
    const c = container as Body;
    for (const f of fields[1]) if (Object.hasOwn(c, f) && c[f] !== undefined) c[f] = maskOne(c[f]);
  }
  return body;
}

/** Paths of credential-looking fields holding a value that is not masked (import refuses these). */
export function findSecrets(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const found: string[] = [];
  for (const [k, v] of Object.entries(value as Body)) {
    const p = path ? `${path}.${k}` : k;
    if (!path && EVENT_KEYED.has(k)) continue;
    if (SECRET_LIKE.has(k) && typeof v === 'string' && v !== '' && !isMasked(v)) found.push(p);
    else if (typeof v === 'object') found.push(...findSecrets(v, p));
  }
  return found;
}

export function sha256Of(body: Body): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}
