import type { z } from 'zod';
import type { CallSpec } from '../define';

/** Bridge calls of the runbooks feature (filled in by that feature). */
export const runbooksCalls = {} satisfies Record<string, CallSpec>;
export const runbooksEvents = {} satisfies Record<string, z.ZodType>;
