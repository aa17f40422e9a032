import type { z } from 'zod';
import type { CallSpec } from '../define';

/** Bridge calls of the changes feature (filled in by that feature). */
export const changesCalls = {} satisfies Record<string, CallSpec>;
export const changesEvents = {} satisfies Record<string, z.ZodType>;
