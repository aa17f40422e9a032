import { sameJson } from './canonical';
import type { FieldChange } from './schema';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Leaf-level diff of two JSON values. Objects recurse by key (sorted, so output is stable); arrays
 * and scalars are compared whole, because an array index shift would otherwise read as N changes.
 */
export function diffFields(
  before: unknown,
  after: unknown,
  prefix = '',
  out: FieldChange[] = [],
): FieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const path = prefix ? `${prefix}.${key}` : key;
      const has = Object.hasOwn(before, key) && before[key] !== undefined;
      const now = Object.hasOwn(after, key) && after[key] !== undefined;
      if (has && !now) out.push({ path, change: 'removed', before: before[key] });
      else if (!has && now) out.push({ path, change: 'added', after: after[key] });
      else if (has && now) diffFields(before[key], after[key], path, out);
    }
    return out;
  }
  if (!sameJson(before, after))
    out.push({ path: prefix || '(root)', change: 'changed', before, after });
  return out;
}
