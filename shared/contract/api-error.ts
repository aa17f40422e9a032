import { z } from 'zod';

/** NestJS-style error body; `message` may be a list in the wild, so both are accepted. */
export const ApiErrorBody = z.looseObject({
  statusCode: z.number().int(),
  error: z.string().optional(),
  message: z.union([z.string(), z.array(z.string())]),
  details: z.array(z.looseObject({ path: z.string(), message: z.string() })).optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
