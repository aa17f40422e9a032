import { canonicalJson } from './canonical';
import type { FilterChange } from './schema';

export interface FilterLike {
  enabled: boolean;
  conditions?: readonly ConditionLike[] | undefined;
}
export interface ConditionLike {
  field: string;
  operator: string;
  value?: unknown;
}
type Filters = Record<string, FilterLike> | undefined;

/**
 * Pair the conditions of two versions of one filter: identical ones cancel out, then conditions on
 * the same field are read as "changed" (an operator or threshold edit), the rest added/removed.
 */
function diffConditions(
  event: string,
  before: readonly ConditionLike[],
  after: readonly ConditionLike[],
  out: FilterChange[],
): void {
  const left = before.map((c) => ({ c, key: canonicalJson(c), used: false }));
  const right = after.map((c) => ({ c, key: canonicalJson(c), used: false }));
  for (const r of right) {
    const same = left.find((l) => !l.used && l.key === r.key);
    if (same) same.used = r.used = true;
  }
  for (const r of right) {
    if (r.used) continue;
    const sameField = left.find((l) => !l.used && l.c.field === r.c.field);
    if (sameField) {
      sameField.used = r.used = true;
      out.push({ event, change: 'condition_changed', before: sameField.c, after: r.c });
    }
  }
  for (const l of left) if (!l.used) out.push({ event, change: 'condition_removed', before: l.c });
  for (const r of right) if (!r.used) out.push({ event, change: 'condition_added', after: r.c });
}

export function diffFilters(before: Filters, after: Filters): FilterChange[] {
  const out: FilterChange[] = [];
  const a = before ?? {};
  const b = after ?? {};
  const events = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const event of events) {
    const f0 = Object.hasOwn(a, event) ? a[event] : undefined;
    const f1 = Object.hasOwn(b, event) ? b[event] : undefined;
    if (!f0 && f1) out.push({ event, change: 'filter_added', after: f1 });
    else if (f0 && !f1) out.push({ event, change: 'filter_removed', before: f0 });
    else if (f0 && f1) {
      if (f0.enabled !== f1.enabled)
        out.push({ event, change: f1.enabled ? 'filter_enabled' : 'filter_disabled' });
      diffConditions(event, f0.conditions ?? [], f1.conditions ?? [], out);
    }
  }
  return out;
}

/** A filter that can drop anything: switched on and with at least one condition. */
export function isActive(f: FilterLike | undefined): boolean {
  return !!f && f.enabled && (f.conditions?.length ?? 0) > 0;
}
