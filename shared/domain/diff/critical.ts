import type { EventFilter } from '../../contract/filters';
import { evaluateFilter } from '../rules/condition';
import { getPath } from '../rules/path';
import { filterDirection, filterFields } from './filter-direction';
import { isActive, type FilterLike } from './filters';
import type { CriticalFlag, FilterChange, MappingChange } from './schema';
import type { EventSample, Traffic } from './traffic';

export interface Evidence {
  /** Canonical event -> count in recent logs; undefined when logs could not be read. */
  traffic?: Traffic | undefined;
  /** Recent canonical payloads; when present, filter changes are evaluated on them. */
  samples?: readonly EventSample[] | undefined;
}

/** Mappings removed for events the site actually sends: those events silently stop reaching the provider. */
export function mappingFlags(mappings: readonly MappingChange[], ev: Evidence): CriticalFlag[] {
  const flags: CriticalFlag[] = [];
  for (const m of mappings) {
    if (m.change !== 'removed') continue;
    const seen = ev.traffic?.[m.event] ?? 0;
    if (ev.traffic && seen === 0) continue;
    flags.push({
      code: 'mapping_removed_with_traffic',
      event: m.event,
      evidence: ev.traffic ? 'observed' : 'possible',
      message: ev.traffic
        ? `Mapping for "${m.event}" removed while ${seen} "${m.event}" events appear in the recent logs: they will be skipped (no_mapping).`
        : `Mapping for "${m.event}" removed; recent logs were unavailable, so check whether "${m.event}" still occurs.`,
    });
  }
  return flags;
}

/**
 * A filter change that newly drops an event. With recent payloads that carry the fields it reads it
 * is proven (passed before, fails now); without, only an edit that provably tightens the filter
 * (filterDirection) is called "stricter". An edit that can only let more through is not flagged;
 * one whose direction cannot be told says which fields the logs lack instead of guessing.
 */
export function filterFlags(
  changes: readonly FilterChange[],
  before: Record<string, FilterLike> | undefined,
  after: Record<string, FilterLike> | undefined,
  ev: Evidence,
): CriticalFlag[] {
  const flags: CriticalFlag[] = [];
  const events = [...new Set(changes.map((c) => c.event))];
  for (const event of events) {
    const f0 = before?.[event] as EventFilter | undefined;
    const f1 = after?.[event] as EventFilter | undefined;
    const direction = filterDirection(f0, f1);
    if (direction === 'same' || direction === 'looser' || !isActive(f1)) continue;
    const samples = (ev.samples ?? []).filter((s) => s.event === event);
    const fields = filterFields(f0, f1);
    const carried = samples.filter((s) => fields.every((f) => getPath(s.payload, f) !== undefined));
    if (carried.length > 0) {
      let dropped = 0;
      let reason = '';
      for (const s of carried) {
        const now = evaluateFilter(f1, s.payload);
        if (!now.pass && evaluateFilter(f0, s.payload).pass) {
          dropped++;
          reason ||= now.reason;
        }
      }
      if (dropped > 0)
        flags.push({
          code: 'filter_drops_event',
          event,
          evidence: 'observed',
          message: `The filter on "${event}" now drops ${dropped} of ${carried.length} recent "${event}" payloads that passed before (${reason}).`,
        });
      // Proven on the payloads that carry every field the filter reads: nothing more to guess.
      continue;
    }
    const seen = ev.traffic?.[event] ?? 0;
    if (ev.traffic && seen === 0) continue;
    flags.push({
      code: 'filter_drops_event',
      event,
      evidence: 'possible',
      message: flagWords(event, direction, seen, ev.traffic !== undefined, fields),
    });
  }
  return flags;
}

function flagWords(
  event: string,
  direction: 'stricter' | 'unknown',
  seen: number,
  logsRead: boolean,
  fields: string[],
): string {
  const what =
    direction === 'stricter'
      ? `The filter on "${event}" became stricter`
      : `The filter on "${event}" changed in a way that may drop more`;
  if (!logsRead) return `${what}; recent logs were unavailable to check what it drops.`;
  return `${what} and ${seen} "${event}" events appear in the recent logs, which do not carry ${fields.join(', ')}: check that they still pass.`;
}
