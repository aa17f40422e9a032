import { createHash } from 'node:crypto';
import type { SnapshotTarget } from '../../../shared/bridge/calls/snapshots-types';
import { isMasked } from '../../../shared/contract/secrets';
import { maskBodySecrets } from '../../../shared/domain/redact';
import { canonicalJson, VOLATILE_FIELDS } from '../../../shared/domain/diff';

type Body = Record<string, unknown>;

/** Key names that hold credentials wherever they appear (defence in depth for imported bodies). */
const SECRET_LIKE = new Set([
  'apiSecret',
  'accessToken',
  'token',
  'password',
  'secret',
  'key',
  'clientSecret',
  'privateKey',
  'refreshToken',
]);
/** Records keyed by event names: their keys are data, not field names. */
const EVENT_KEYED = new Set(['eventMapping', 'reverseEventMapping', 'eventFilters', 'events']);

/**
 * What a snapshot stores: the behaviour-defining body, without server bookkeeping (which changes
 * on every write and would defeat dedupe) and with every secret masked (secrets are never stored).
 */
export function snapshotBody(target: SnapshotTarget, live: Body): Body {
  const body: Body = {};
  for (const [k, v] of Object.entries(live))
    if (!VOLATILE_FIELDS.has(k) && v !== undefined) body[k] = v;
  return maskBodySecrets(target, body);
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
