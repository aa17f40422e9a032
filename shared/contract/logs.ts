import { z } from 'zod';
import { ProviderKey } from './providers';

export const LogStatus = z.enum(['sent', 'failed', 'retrying', 'filtered', 'skipped', 'test_mode']);
export type LogStatus = z.infer<typeof LogStatus>;

export const LogEntry = z.looseObject({
  /** Monotonic and unique per stream (one provider or one webhook of a site). */
  id: z.number().int().nonnegative(),
  timestamp: z.string(),
  provider: ProviderKey.optional(),
  webhookId: z.string().optional(),
  event: z.string(),
  mappedEvent: z.string().optional(),
  eventId: z.string(),
  status: LogStatus,
  httpStatus: z.number().int().optional(),
  attempt: z.number().int().min(0),
  durationMs: z.number().optional(),
  error: z.looseObject({ code: z.string(), message: z.string() }).optional(),
  reason: z.string().optional(),
  /** A redacted summary, never the full payload. */
  payload: z.record(z.string(), z.unknown()).optional(),
  test: z.boolean().optional(),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const LOGS_DEFAULT_LIMIT = 50;
export const LOGS_MAX_LIMIT = 500;

export const LogsPage = z.looseObject({
  entries: z.array(LogEntry),
  total: z.number().int().nonnegative(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type LogsPage = z.infer<typeof LogsPage>;

export const LogsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(LOGS_MAX_LIMIT).default(LOGS_DEFAULT_LIMIT),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
