import { canonicalJson } from './canonical';
import { isActive, type ConditionLike, type FilterLike } from './filters';

/**
 * Whether a filter edit can only let more through (`looser`), only drop more (`stricter`), or
 * cannot be told from the conditions alone (`unknown`, e.g. an operator swapped). Conditions on the
 * same field are compared as the filter diff pairs them; all conditions must hold (AND), so an
 * added condition is stricter and a removed one looser.
 */
export type FilterDirection = 'same' | 'looser' | 'stricter' | 'unknown';

const RANGE_UP = new Set(['gt', 'gte']);
const RANGE_DOWN = new Set(['lt', 'lte']);

function conditionDirection(a: ConditionLike, b: ConditionLike): FilterDirection {
  if (canonicalJson(a) === canonicalJson(b)) return 'same';
  if (a.operator !== b.operator) return 'unknown';
  const [x, y] = [a.value, b.value];
  if (typeof x === 'number' && typeof y === 'number') {
    // `total gte 100000` -> `total gte 1` lets more orders through.
    if (RANGE_UP.has(a.operator)) return y < x ? 'looser' : 'stricter';
    if (RANGE_DOWN.has(a.operator)) return y > x ? 'looser' : 'stricter';
  }
  if (Array.isArray(x) && Array.isArray(y) && (a.operator === 'in' || a.operator === 'nin')) {
    const wider = x.every((v) => y.includes(v));
    const narrower = y.every((v) => x.includes(v));
    if (wider === narrower) return 'unknown';
    // A longer `in` list passes more; a longer `nin` list passes less.
    return (a.operator === 'in') === wider ? 'looser' : 'stricter';
  }
  return 'unknown';
}

function combine(parts: FilterDirection[]): FilterDirection {
  const moved = new Set(parts.filter((p) => p !== 'same'));
  if (moved.size === 0) return 'same';
  if (moved.size === 1) return [...moved][0]!;
  return 'unknown';
}

export function filterDirection(
  before: FilterLike | undefined,
  after: FilterLike | undefined,
): FilterDirection {
  const was = isActive(before);
  const now = isActive(after);
  if (!now) return was ? 'looser' : 'same';
  if (!was) return 'stricter';
  const left = [...(before!.conditions ?? [])];
  const parts: FilterDirection[] = [];
  for (const c of after!.conditions ?? []) {
    const same = left.findIndex((l) => canonicalJson(l) === canonicalJson(c));
    const pair = same >= 0 ? same : left.findIndex((l) => l.field === c.field);
    if (pair < 0) parts.push('stricter');
    else parts.push(conditionDirection(left.splice(pair, 1)[0]!, c));
  }
  if (left.length) parts.push('looser');
  return combine(parts);
}

/** The payload fields a filter reads (each condition's dot path), once each. */
export function filterFields(...filters: (FilterLike | undefined)[]): string[] {
  return [
    ...new Set(
      filters.flatMap((f) => (f && isActive(f) ? (f.conditions ?? []) : []).map((c) => c.field)),
    ),
  ];
}
