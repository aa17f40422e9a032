import type { EventFilter } from '../../contract/filters';
import { evaluateFilter } from '../rules/condition';
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
 * A filter change that newly drops an event. With recent payloads it is proven (passed before,
 * fails now); without, an active filter that appeared or tightened on an event with traffic is
 * flagged as possible, because filters drop silently and the API's health stays green when they do.
 */
export function filterFlags(
  changes: readonly FilterChange[],
  before: Record<string, FilterLike> | undefined,
  after: Record<string, FilterLike> | undefined,
  ev: Evidence,
): CriticalFlag[] {
  const flags: CriticalFlag[] = [];
  const events = [
    ...new Set(
      changes
        .filter((c) => c.change !== 'filter_removed' && c.change !== 'filter_disabled')
        .map((c) => c.event),
    ),
  ];
  for (const event of events) {
    const f0 = before?.[event] as EventFilter | undefined;
    const f1 = after?.[event] as EventFilter | undefined;
    if (!isActive(f1)) continue;
    const samples = (ev.samples ?? []).filter((s) => s.event === event);
    if (samples.length > 0) {
      let dropped = 0;
      let passing = 0;
      let reason = '';
      for (const s of samples) {
        const now = evaluateFilter(f1, s.payload);
        if (now.pass) passing++;
        else if (evaluateFilter(f0, s.payload).pass) {
          dropped++;
          reason ||= now.reason;
        }
      }
      if (dropped > 0)
        flags.push({
          code: 'filter_drops_event',
          event,
          evidence: 'observed',
          message: `The filter on "${event}" now drops ${dropped} of ${samples.length} recent "${event}" payloads that passed before (${reason}).`,
        });
      // Every sample passes: proven harmless. Samples failing both filters prove nothing (e.g. a
      // redacted summary without the field), so fall through to the traffic rule.
      if (dropped > 0 || passing === samples.length) continue;
    }
    const seen = ev.traffic?.[event] ?? 0;
    if (ev.traffic && seen === 0) continue;
    flags.push({
      code: 'filter_drops_event',
      event,
      evidence: 'possible',
      message: ev.traffic
        ? `The filter on "${event}" became stricter and ${seen} "${event}" events appear in the recent logs: check that they still pass.`
        : `The filter on "${event}" became stricter; recent logs were unavailable to check what it drops.`,
    });
  }
  return flags;
}
