import { z } from 'zod';
import { Step } from '../../domain/workflow/entries';
import { call } from '../define';
import { ChangeId } from './snapshots-types';

/**
 * A change whose journal could not be read back: moved aside, reported, and still holding its
 * site's lock (every site's, when the line naming its site was lost) until an operator resolves it.
 */
export const DamagedChange = z.object({
  changeId: ChangeId,
  detectedAt: z.string(),
  /** The journal's path and where it was moved for inspection. */
  journal: z.string(),
  movedTo: z.string(),
  reason: z.string(),
  /** From the journal's `started` line, when it could be read. */
  connectionId: z.string().optional(),
  siteId: z.string().optional(),
  target: z.string().optional(),
  title: z.string().optional(),
  operator: z.string().optional(),
  startedAt: z.string().optional(),
  /** What could be read: lines in the file, entries that parsed, the last step they reached. */
  readable: z.object({
    lines: z.number().int(),
    entries: z.number().int(),
    lastAt: z.string().optional(),
    step: Step.optional(),
  }),
  resolved: z
    .object({
      at: z.string(),
      by: z.string(),
      outcome: z.literal('abandoned'),
      note: z.string().optional(),
    })
    .optional(),
});
export type DamagedChange = z.infer<typeof DamagedChange>;

export const damagedChangesCalls = {
  /** Damaged changes, resolved or not; one change's record when `changeId` is given. */
  'changes.damaged': call(z.object({ changeId: ChangeId.optional() }), z.array(DamagedChange)),
  /** The operator's resolution of a damaged change: abandoned, which releases its lock. */
  'changes.abandonDamaged': call(
    z.object({ changeId: ChangeId, note: z.string().trim().max(4000).optional() }),
    DamagedChange,
  ),
};
