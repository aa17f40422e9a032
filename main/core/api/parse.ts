import { z } from 'zod';
import type { Parse } from './response';

/**
 * A list the server may send as an envelope (`{integrations: [...]}`) or a bare array (the client
 * is tolerant of both). Items keep their unknown fields (the schemas are loose).
 */
export function listOf<T extends z.ZodType>(item: T, envelopeKey: string): Parse<z.output<T>[]> {
  const array = z.array(item);
  const envelope = z.looseObject({ [envelopeKey]: array });
  return (json) => {
    if (Array.isArray(json)) return array.safeParse(json);
    const wrapped = envelope.safeParse(json);
    if (wrapped.success) return { success: true, data: wrapped.data[envelopeKey] as z.output<T>[] };
    return wrapped as unknown as z.ZodSafeParseResult<z.output<T>[]>;
  };
}

/** One object, also accepted wrapped once as `{<key>: {...}}` (some APIs wrap single resources). */
export function oneOf<T extends z.ZodType>(schema: T, wrapperKey?: string): Parse<z.output<T>> {
  return (json) => {
    const direct = schema.safeParse(json);
    if (
      direct.success ||
      !wrapperKey ||
      !json ||
      typeof json !== 'object' ||
      !Object.hasOwn(json, wrapperKey)
    )
      return direct;
    const inner = schema.safeParse((json as Record<string, unknown>)[wrapperKey]);
    return inner.success ? inner : direct;
  };
}

/** For answers whose body we do not need (DELETE): anything, including nothing, is accepted. */
export const anything: Parse<unknown> = (json) => ({ success: true, data: json });

/**
 * `google_ads` is a documented alias of `gads` and a server may answer with either; the app
 * speaks `gads` only, so the alias is folded before validation wherever a `provider` appears.
 */
export function foldProviderAlias(json: unknown, depth = 0): unknown {
  if (depth > 4 || json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map((v) => foldProviderAlias(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(json)) {
    const value = k === 'provider' && v === 'google_ads' ? 'gads' : foldProviderAlias(v, depth + 1);
    // defineProperty keeps a `__proto__` key an own data property instead of a prototype swap.
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function tolerant<T>(parse: Parse<T>): Parse<T> {
  return (json) => parse(foldProviderAlias(json));
}
