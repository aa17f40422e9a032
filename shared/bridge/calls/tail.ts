import type { z } from 'zod';
import type { CallSpec } from '../define';

/** Bridge calls of the tail feature (filled in by that feature). */
export const tailCalls = {} satisfies Record<string, CallSpec>;
export const tailEvents = {} satisfies Record<string, z.ZodType>;
