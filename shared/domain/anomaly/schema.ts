import { z } from 'zod';

/** How many log entries of each status a window holds (test-endpoint runs excluded). */
export const StatusCounts = z.object({
  total: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  retrying: z.number().int(),
  filtered: z.number().int(),
  skipped: z.number().int(),
  testMode: z.number().int(),
});
export type StatusCounts = z.infer<typeof StatusCounts>;

/** Per canonical event: occurrences and what became of them ("forwarded" = handed to the provider). */
export const EventCounts = z.record(
  z.string(),
  z.object({
    total: z.number().int(),
    forwarded: z.number().int(),
    filtered: z.number().int(),
    skipped: z.number().int(),
  }),
);
export type EventCounts = z.infer<typeof EventCounts>;

/** A span of logs and its counts: the baseline window or the monitoring window. */
export const RateWindow = z.object({
  from: z.string(),
  to: z.string(),
  minutes: z.number(),
  counts: StatusCounts,
  events: EventCounts,
});
export type RateWindow = z.infer<typeof RateWindow>;

export const AnomalyCode = z.enum([
  'failure_rate_up',
  'volume_down',
  'filtered_share_up',
  /** The monitor has not been able to read the logs for GAP_ANOMALY_AFTER_MS. */
  'logs_unreachable',
  /** Nothing delivered for 3x the baseline's inter-arrival time. */
  'silence',
]);
export const Anomaly = z.object({
  code: AnomalyCode,
  /** Set when the anomaly is about one canonical event (a removed mapping, an over-eager filter). */
  event: z.string().optional(),
  message: z.string(),
  baseline: z.number(),
  observed: z.number(),
});
export type Anomaly = z.infer<typeof Anomaly>;

export const HealthSide = z.object({
  status: z.string(),
  enabled: z.boolean().optional(),
  testMode: z.boolean().optional(),
  window: z.record(z.string(), z.number()).optional(),
});
export const HealthComparison = z.object({
  before: HealthSide.optional(),
  after: HealthSide.optional(),
  regressions: z.array(z.string()),
  improved: z.array(z.string()),
});
export type HealthComparison = z.infer<typeof HealthComparison>;
