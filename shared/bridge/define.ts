import type { z } from 'zod';

/** One bridge call: what the renderer may send and what main answers. */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}
export type CallTable = Record<string, CallSpec>;
export type EventTable = Record<string, z.ZodType>;

export function call<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
): CallSpec<I, O> {
  return { input, output };
}

/** The handlers a feature must provide for its slice of the table; exhaustive by type. */
export type HandlersOf<T extends CallTable, Ctx> = {
  [K in keyof T]: (input: z.output<T[K]['input']>, ctx: Ctx) => Promise<z.input<T[K]['output']>>;
};
