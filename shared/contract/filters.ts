import { z } from 'zod';
import { EventName } from './events';

/** The filter operators of the Integrations API; every condition of a filter must hold (AND). */
export const FilterOperator = z.enum([
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'nin',
  'contains',
  'exists',
  'not_exists',
]);
export type FilterOperator = z.infer<typeof FilterOperator>;

export const FieldPath = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*|\.\d+)*$/, 'a dot path such as order.total');

const Scalar = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

export const FilterCondition = z
  .looseObject({
    field: FieldPath,
    operator: FilterOperator,
    value: z.unknown().optional(),
  })
  .superRefine((c, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
    switch (c.operator) {
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        if (typeof c.value !== 'number' || !Number.isFinite(c.value))
          bad(`"${c.operator}" compares numbers: give a number`);
        break;
      case 'in':
      case 'nin':
        if (
          !Array.isArray(c.value) ||
          c.value.length > 500 ||
          !c.value.every((v) => Scalar.safeParse(v).success)
        )
          bad(`"${c.operator}" takes a list of values (at most 500)`);
        break;
      case 'contains':
        if (typeof c.value !== 'string' && typeof c.value !== 'number')
          bad('"contains" takes a text or a number to look for');
        break;
      case 'eq':
      case 'neq':
        if (!Scalar.safeParse(c.value).success)
          bad(`"${c.operator}" takes a text, number, boolean or null`);
        break;
      case 'exists':
      case 'not_exists':
        break;
    }
  });
export type FilterCondition = z.infer<typeof FilterCondition>;

/**
 * A filter keyed by canonical event. `enabled: false` means the filter is switched off and the
 * event is forwarded unconditionally; `enabled: true` with no conditions forwards it as well.
 */
export const EventFilter = z.looseObject({
  enabled: z.boolean(),
  conditions: z.array(FilterCondition).max(50).optional(),
});
export type EventFilter = z.infer<typeof EventFilter>;

export const EventFilters = z.record(EventName, EventFilter);
export type EventFilters = z.infer<typeof EventFilters>;
