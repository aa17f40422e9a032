import type { z } from 'zod';
import type { CallSpec } from '../define';

/** Bridge calls of the snapshots feature (filled in by that feature). */
export const snapshotsCalls = {} satisfies Record<string, CallSpec>;
export const snapshotsEvents = {} satisfies Record<string, z.ZodType>;
