import { diffFields } from './generic';
import { VOLATILE_FIELDS } from './integration';
import type { CriticalFlag, GenericDiff } from './schema';

function strip(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!VOLATILE_FIELDS.has(k)) out[k] = v;
  return out;
}

/** Webhook or data-layer body: a field-level diff plus the one switch that stops everything. */
export function diffResource(
  kind: 'webhook' | 'data-layer',
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): GenericDiff {
  const changes = diffFields(strip(before), strip(after));
  const critical: CriticalFlag[] = [];
  if (kind === 'webhook' && before.active !== false && after.active === false)
    critical.push({
      code: 'webhook_deactivated',
      evidence: 'observed',
      message: 'The webhook is deactivated: no event is delivered to it.',
    });
  if (kind === 'data-layer' && before.enabled !== false && after.enabled === false)
    critical.push({
      code: 'data_layer_disabled',
      evidence: 'observed',
      message: 'The data layer is disabled: the site stops collecting events.',
    });
  return { kind: 'generic', identical: changes.length === 0, changes, critical };
}
