import type { FilterOperator, IntegrationBody } from '../../../shared/contract';

/**
 * The editor's working copy. Mappings and filters are rows (not object keys) so a row can be
 * renamed, be briefly empty or duplicated while typing, and keep its place; `toBody` turns it
 * back into the wire object the zod schema validates.
 */
export interface Pair {
  id: number;
  key: string;
  value: string;
}
export interface CondRow {
  id: number;
  field: string;
  operator: FilterOperator;
  /** As typed; parsed by operator in `toBody`. */
  value: string;
}
export interface FilterRow {
  id: number;
  event: string;
  enabled: boolean;
  conditions: CondRow[];
}
export interface Draft {
  enabled: boolean;
  testMode: boolean;
  config: Record<string, unknown>;
  mapping: Pair[];
  reverse: Pair[];
  filters: FilterRow[];
  /** Fields this app does not know: kept as they are (the API is parsed tolerantly). */
  extra: Record<string, unknown>;
}

let nextId = 1;
export const newId = () => nextId++;

/** Read-only fields of the resource that are not part of a PUT body. */
const RESOURCE_ONLY = new Set(['provider', 'siteId', 'createdAt', 'updatedAt', 'version']);
const BODY_FIELDS = new Set([
  'enabled',
  'testMode',
  'config',
  'eventMapping',
  'reverseEventMapping',
  'eventFilters',
]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const pairs = (v: unknown): Pair[] =>
  isRecord(v)
    ? Object.entries(v).map(([key, value]) => ({
        id: newId(),
        key,
        value: typeof value === 'string' ? value : String(value),
      }))
    : [];

/** Scalars typed as text: numbers, true/false/null as such; quotes force a string ("123"). */
export function scalarFromText(text: string): string | number | boolean | null {
  const t = text.trim();
  if (/^".*"$/.test(t)) {
    try {
      return JSON.parse(t) as string;
    } catch {
      return t;
    }
  }
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  return text;
}

function scalarText(v: unknown): string {
  if (typeof v === 'string') return typeof scalarFromText(v) === 'string' ? v : JSON.stringify(v);
  if (v === undefined) return '';
  return typeof v === 'number' || typeof v === 'boolean' || v === null
    ? String(v)
    : JSON.stringify(v);
}

export function valueFromText(operator: FilterOperator, text: string): unknown {
  switch (operator) {
    case 'exists':
    case 'not_exists':
      return undefined;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return text.trim() === '' ? undefined : Number(text);
    case 'in':
    case 'nin':
      return text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map(scalarFromText);
    default:
      return scalarFromText(text);
  }
}

export function textFromValue(value: unknown): string {
  return Array.isArray(value) ? value.map(scalarText).join(', ') : scalarText(value);
}

/** Tolerant: whatever the JSON view holds becomes rows; the schema reports what is wrong. */
export function fromBody(body: Record<string, unknown>): Draft {
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body))
    if (!BODY_FIELDS.has(k) && !RESOURCE_ONLY.has(k)) extra[k] = v;
  const filters = isRecord(body.eventFilters) ? body.eventFilters : {};
  return {
    enabled: body.enabled !== false,
    testMode: body.testMode === true,
    config: isRecord(body.config) ? { ...body.config } : {},
    mapping: pairs(body.eventMapping),
    reverse: pairs(body.reverseEventMapping),
    filters: Object.entries(filters).map(([event, f]) => {
      const filter = isRecord(f) ? f : {};
      const conditions = Array.isArray(filter.conditions) ? filter.conditions.filter(isRecord) : [];
      return {
        id: newId(),
        event,
        enabled: filter.enabled !== false,
        conditions: conditions.map((c) => ({
          id: newId(),
          field: typeof c.field === 'string' ? c.field : '',
          operator: (typeof c.operator === 'string' ? c.operator : 'eq') as FilterOperator,
          value: textFromValue(c.value),
        })),
      };
    }),
    extra,
  };
}

export function toBody(d: Draft): IntegrationBody {
  const record = (rows: Pair[]) => Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return {
    ...d.extra,
    enabled: d.enabled,
    testMode: d.testMode,
    config: d.config,
    eventMapping: record(d.mapping),
    reverseEventMapping: record(d.reverse),
    eventFilters: Object.fromEntries(
      d.filters.map((f) => [
        f.event,
        {
          enabled: f.enabled,
          conditions: f.conditions.map((c) => {
            const value = valueFromText(c.operator, c.value);
            return value === undefined
              ? { field: c.field, operator: c.operator }
              : { field: c.field, operator: c.operator, value };
          }),
        },
      ]),
    ),
  };
}
