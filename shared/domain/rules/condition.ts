import type { EventFilter, FilterCondition } from '../../contract/filters';
import { getPath } from './path';

export type ConditionResult = { ok: true } | { ok: false; reason: string };

function show(v: unknown): string {
  if (v === undefined) return 'missing';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Numbers only compare with numbers; a numeric string ("12.5") is accepted as data layers often stringify. */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function holds(c: FilterCondition, actual: unknown): boolean {
  const v = c.value;
  switch (c.operator) {
    case 'eq':
      return actual === v;
    case 'neq':
      return actual !== v;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const a = asNumber(actual);
      if (a === undefined || typeof v !== 'number') return false;
      if (c.operator === 'gt') return a > v;
      if (c.operator === 'gte') return a >= v;
      if (c.operator === 'lt') return a < v;
      return a <= v;
    }
    case 'in':
      return Array.isArray(v) && v.includes(actual);
    case 'nin':
      return Array.isArray(v) && !v.includes(actual);
    case 'contains':
      if (typeof actual === 'string') return actual.includes(String(v));
      if (Array.isArray(actual)) return actual.includes(v);
      return false;
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'not_exists':
      return actual === undefined || actual === null;
  }
}

export function evaluateCondition(c: FilterCondition, payload: unknown): ConditionResult {
  const actual = getPath(payload, c.field);
  if (holds(c, actual)) return { ok: true };
  const expected =
    c.operator === 'exists' || c.operator === 'not_exists' ? '' : ` ${show(c.value)}`;
  return {
    ok: false,
    reason: `${c.field} ${c.operator}${expected} failed (actual: ${show(actual)})`,
  };
}

export type FilterResult =
  { pass: true } | { pass: false; condition: FilterCondition; reason: string };

/**
 * Filter semantics (shared/contract/filters.ts): no filter, `enabled: false` or no conditions all
 * forward; otherwise every condition must hold (AND) and the first failing one is reported.
 */
export function evaluateFilter(filter: EventFilter | undefined, payload: unknown): FilterResult {
  if (!filter || !filter.enabled) return { pass: true };
  for (const condition of filter.conditions ?? []) {
    const r = evaluateCondition(condition, payload);
    if (!r.ok) return { pass: false, condition, reason: r.reason };
  }
  return { pass: true };
}
