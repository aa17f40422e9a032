import { sameJson } from './canonical';
import { filterFlags, mappingFlags, type Evidence } from './critical';
import { diffFilters, type FilterLike } from './filters';
import { diffFields } from './generic';
import type { CriticalFlag, FieldChange, IntegrationDiff, MappingChange } from './schema';

/** The parts of an integration body the diff reads; anything else lands in `other`. */
export interface IntegrationLike {
  enabled?: boolean | undefined;
  testMode?: boolean | undefined;
  config?: Record<string, unknown> | undefined;
  eventMapping?: Record<string, string> | undefined;
  reverseEventMapping?: Record<string, string> | undefined;
  eventFilters?: Record<string, FilterLike> | undefined;
  [key: string]: unknown;
}

const KNOWN = new Set([
  'enabled',
  'testMode',
  'config',
  'eventMapping',
  'reverseEventMapping',
  'eventFilters',
]);
/** Server bookkeeping that changes on every write and says nothing about behaviour. */
export const VOLATILE_FIELDS = new Set([
  'createdAt',
  'updatedAt',
  'version',
  'etag',
  'siteId',
  'provider',
  'id',
]);

export function diffMappings(
  before: Record<string, string> = {},
  after: Record<string, string> = {},
): MappingChange[] {
  const out: MappingChange[] = [];
  const events = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const event of events) {
    const a = Object.hasOwn(before, event) ? before[event] : undefined;
    const b = Object.hasOwn(after, event) ? after[event] : undefined;
    if (a === undefined && b !== undefined) out.push({ event, change: 'added', after: b });
    else if (a !== undefined && b === undefined) out.push({ event, change: 'removed', before: a });
    else if (a !== b)
      out.push({
        event,
        change: 'retargeted',
        ...(a !== undefined ? { before: a } : {}),
        ...(b !== undefined ? { after: b } : {}),
      });
  }
  return out;
}

function pick(body: IntegrationLike, skip: (k: string) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!skip(k)) out[k] = v;
  return out;
}

/**
 * Structured, mapping-aware diff of two integration bodies, `before` -> `after` (e.g. known-good ->
 * live). Evidence (recent traffic, sample payloads) turns risky edits into critical flags.
 */
export function diffIntegration(
  before: IntegrationLike,
  after: IntegrationLike,
  evidence: Evidence = {},
): IntegrationDiff {
  const mappings = diffMappings(before.eventMapping, after.eventMapping);
  const reverseMappings = diffFields(
    before.reverseEventMapping ?? {},
    after.reverseEventMapping ?? {},
  );
  const filters = diffFilters(before.eventFilters, after.eventFilters);
  const config = diffFields(before.config ?? {}, after.config ?? {});
  const switches: FieldChange[] = [];
  // The contract defaults: enabled true, testMode false (shared/contract/integration.ts).
  for (const [key, dflt] of [
    ['enabled', true],
    ['testMode', false],
  ] as const) {
    const a = before[key] ?? dflt;
    const b = after[key] ?? dflt;
    if (a !== b) switches.push({ path: key, change: 'changed', before: a, after: b });
  }
  const skip = (k: string) => KNOWN.has(k) || VOLATILE_FIELDS.has(k);
  const other = diffFields(pick(before, skip), pick(after, skip));

  const critical: CriticalFlag[] = [];
  if ((before.enabled ?? true) && after.enabled === false)
    critical.push({
      code: 'integration_disabled',
      evidence: 'observed',
      message: 'The integration is turned off: nothing is forwarded to the provider.',
    });
  critical.push(...mappingFlags(mappings, evidence));
  critical.push(...filterFlags(filters, before.eventFilters, after.eventFilters, evidence));

  const identical =
    mappings.length +
      reverseMappings.length +
      filters.length +
      config.length +
      switches.length +
      other.length ===
    0;
  return {
    kind: 'integration',
    identical,
    mappings,
    reverseMappings,
    filters,
    config,
    switches,
    other,
    critical,
  };
}

export { sameJson };
