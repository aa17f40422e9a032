import type { EventFilter, FilterCondition, FilterOperator } from '../../../shared/contract';

const OPS: Record<FilterOperator, string> = {
  eq: '=',
  neq: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  in: 'is one of',
  nin: 'is none of',
  contains: 'contains',
  exists: 'is present',
  not_exists: 'is absent',
};

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.map(valueText).join(', ');
  if (typeof v === 'string') return `"${v}"`;
  if (v === undefined) return '(no value)';
  return typeof v === 'number' || typeof v === 'boolean' || v === null
    ? String(v)
    : JSON.stringify(v);
}

export function conditionText(c: FilterCondition): string {
  if (c.operator === 'exists' || c.operator === 'not_exists')
    return `${c.field} ${OPS[c.operator]}`;
  return `${c.field} ${OPS[c.operator]} ${valueText(c.value)}`;
}

/** "purchase is forwarded only when order.total ≥ 1": what the filter does, in one sentence. */
export function filterSentence(event: string, filter: EventFilter): string {
  const conditions = filter.conditions ?? [];
  if (!filter.enabled) return `${event}: filter switched off, always forwarded`;
  if (conditions.length === 0) return `${event} is always forwarded (filter on, no conditions)`;
  return `${event} is forwarded only when ${conditions.map(conditionText).join(' and ')}`;
}
