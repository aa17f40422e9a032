import { z } from 'zod';

/** Each field of an object schema made optional, with its `.default()` taken off. */
export type PatchShape<T extends z.ZodRawShape> = {
  [K in keyof T]: T[K] extends z.ZodDefault<infer Inner>
    ? z.ZodOptional<Inner>
    : z.ZodOptional<T[K]>;
};

/**
 * The schema of a partial update of `schema`: every field optional and NO defaults, so a patch that
 * names one field parses to an object holding that field only (zod's `.partial()` keeps each
 * field's `.default()` and would fill in, and so reset, every field the patch leaves out). Strict:
 * a misspelt field is refused by name instead of being dropped in silence.
 */
export function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const inner = (field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType;
    shape[key] = inner.optional();
  }
  return z.strictObject(shape as PatchShape<T>);
}
