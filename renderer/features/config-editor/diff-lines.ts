import { isMasked, type EventFilter, type FilterCondition } from '../../../shared/contract';
import type { ConfigDiff, FieldChange, FilterChange } from '../../../shared/domain/diff';
import { conditionText, filterSentence } from '../providers/filter-sentence';

/** One line of a diff in the operator's words; `critical` when the diff's flags name its event. */
export interface DiffLine {
  key: string;
  kind: 'added' | 'removed' | 'changed';
  text: string;
  critical: boolean;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const cond = (v: unknown): string => {
  const c = v as Partial<FilterCondition> | undefined;
  return c && typeof c.field === 'string' && typeof c.operator === 'string'
    ? conditionText(c as FilterCondition)
    : show(v);
};

function fieldLine(section: string, c: FieldChange, secret = false): DiffLine {
  // A secret is write-only: the diff may show its mask, never a value the operator just typed.
  const val = (v: unknown) => (secret && !isMasked(v) ? 'a new secret' : show(v));
  const head = `${section} ${c.path}`;
  const text =
    c.change === 'added'
      ? `${head}: added ${val(c.after)}`
      : c.change === 'removed'
        ? `${head}: removed (was ${val(c.before)})`
        : `${head}: ${val(c.before)} → ${val(c.after)}`;
  return { key: `${section}:${c.path}`, kind: c.change, text, critical: false };
}

/**
 * The shared structured diff (shared/domain/diff) as readable lines, e.g.
 * "Mapping add_to_cart: add_to_cart → add_to_basket (retargeted)". Secrets in `secretFields` of the
 * config are never printed.
 */
export function diffLines(diff: ConfigDiff, secretFields: readonly string[] = []): DiffLine[] {
  if (diff.kind === 'generic') {
    const off = diff.critical.length > 0;
    return diff.changes.map((c) => {
      const secret =
        c.path.startsWith('authConfig.') &&
        secretFields.includes(c.path.slice('authConfig.'.length));
      const line = fieldLine('Field', c, secret);
      return { ...line, critical: off && (c.path === 'active' || c.path === 'enabled') };
    });
  }
  const flagged = new Set(diff.critical.map((c) => c.event).filter(Boolean));
  const filterText: Record<FilterChange['change'], (e: string, b: unknown, a: unknown) => string> =
    {
      filter_added: (e, _b, a) => `Filter ${e}: added (${filterSentence(e, a as EventFilter)})`,
      filter_removed: (e, b) =>
        `Filter ${e}: removed (was: ${filterSentence(e, b as EventFilter)})`,
      filter_enabled: (e) => `Filter ${e}: switched on`,
      filter_disabled: (e) => `Filter ${e}: switched off (always forwarded)`,
      condition_added: (e, _b, a) => `Filter ${e}: condition added ${cond(a)}`,
      condition_removed: (e, b) => `Filter ${e}: condition removed (was ${cond(b)})`,
      condition_changed: (e, b, a) => `Filter ${e}: ${cond(b)} → ${cond(a)}`,
    };
  return [
    ...diff.switches.map((c) => ({
      ...fieldLine('State', c),
      critical: c.path === 'enabled' && c.after === false,
    })),
    ...diff.config.map((c) => fieldLine('Config', c, secretFields.includes(c.path))),
    ...diff.mappings.map((m) => ({
      key: `mapping:${m.event}`,
      kind: m.change === 'retargeted' ? ('changed' as const) : m.change,
      text:
        m.change === 'added'
          ? `Mapping ${m.event}: added ${m.after ?? ''}`
          : m.change === 'removed'
            ? `Mapping ${m.event}: removed (was ${m.before ?? ''})`
            : `Mapping ${m.event}: ${m.before ?? ''} → ${m.after ?? ''} (retargeted)`,
      critical: m.change === 'removed' && flagged.has(m.event),
    })),
    ...diff.reverseMappings.map((c) => fieldLine('Reverse mapping', c)),
    ...diff.filters.map((f, i) => ({
      key: `filter:${f.event}:${i}`,
      kind: f.change.endsWith('added')
        ? ('added' as const)
        : f.change.endsWith('removed')
          ? ('removed' as const)
          : ('changed' as const),
      text: filterText[f.change](f.event, f.before, f.after),
      critical: flagged.has(f.event),
    })),
    ...diff.other.map((c) => fieldLine('Other', c)),
  ];
}
