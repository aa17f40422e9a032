import type { FilterCondition } from '../../contract/filters';
import type { EventMapping, ReverseEventMapping } from '../../contract/integration';
import { evaluateFilter } from './condition';

/** External data-layer name -> canonical name; names without an entry are already canonical. */
export function reverseMap(reverse: ReverseEventMapping | undefined, name: string): string {
  if (reverse && Object.prototype.hasOwnProperty.call(reverse, name)) return reverse[name] ?? name;
  return name;
}

/** The parts of an integration body classification needs (a stored body, a draft, or a preview). */
export interface ClassifiableIntegration {
  eventMapping?: EventMapping | undefined;
  reverseEventMapping?: ReverseEventMapping | undefined;
  eventFilters?:
    Record<string, { enabled: boolean; conditions?: FilterCondition[] | undefined }> | undefined;
}

export type Classification =
  | { status: 'sent'; canonical: string; mappedEvent: string }
  | { status: 'filtered'; canonical: string; failingCondition: FilterCondition; reason: string }
  | { status: 'skipped'; canonical: string; reason: 'no_mapping' };

/**
 * What an integration does with one event, in the contract's order: reverse mapping, then filters
 * (keyed by canonical name), then mapping. 'sent' means "would be handed to the provider"; delivery
 * can still fail later. Used by the sandbox pipeline and by the app's impact preview, so both agree.
 */
export function classifyEvent(
  integration: ClassifiableIntegration,
  event: { name: string; payload: unknown },
): Classification {
  const canonical = reverseMap(integration.reverseEventMapping, event.name);
  const filter = integration.eventFilters?.[canonical];
  const verdict = evaluateFilter(filter, event.payload);
  if (!verdict.pass) {
    return {
      status: 'filtered',
      canonical,
      failingCondition: verdict.condition,
      reason: verdict.reason,
    };
  }
  const mapping = integration.eventMapping ?? {};
  const mapped = Object.prototype.hasOwnProperty.call(mapping, canonical)
    ? mapping[canonical]
    : undefined;
  if (mapped === undefined) return { status: 'skipped', canonical, reason: 'no_mapping' };
  return { status: 'sent', canonical, mappedEvent: mapped };
}
