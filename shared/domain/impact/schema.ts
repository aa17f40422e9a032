import { z } from 'zod';

export const Outcomes = z.object({
  sent: z.number().int(),
  filtered: z.number().int(),
  skipped: z.number().int(),
});
export type Outcomes = z.infer<typeof Outcomes>;

export const ImpactRow = z.object({
  event: z.string(),
  before: Outcomes,
  after: Outcomes,
  /** The rules for this event differ between old and new (mapping or filter). */
  rulesChanged: z.boolean(),
  /**
   * Set when the changed filter reads fields the logged events do not carry: then `after` is not
   * computed (it repeats `before`) and the row says so instead of showing invented counts.
   */
  notPreviewable: z.object({ fields: z.array(z.string()), message: z.string() }).optional(),
});
export type ImpactRow = z.infer<typeof ImpactRow>;

export const ImpactFlag = z.object({
  code: z.enum(['event_dropped', 'volume_down', 'newly_filtered']),
  event: z.string().optional(),
  message: z.string(),
});
export type ImpactFlag = z.infer<typeof ImpactFlag>;

export const ImpactPreview = z.object({
  sampled: z.number().int(),
  from: z.string().optional(),
  to: z.string().optional(),
  rows: z.array(ImpactRow),
  totals: z.object({ before: Outcomes, after: Outcomes }),
  flags: z.array(ImpactFlag),
  notes: z.array(z.string()),
});
export type ImpactPreview = z.infer<typeof ImpactPreview>;
