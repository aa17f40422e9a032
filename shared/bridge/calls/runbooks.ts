import { z } from 'zod';
import { TargetChecklist } from '../../domain/workflow/checklist';
import { Runbook, RUNBOOK_FIELD_NAMES, RunbookFields } from '../../domain/workflow/runbook';
import { call } from '../define';
import { LocalId, SiteId } from '../ids';
import { SnapshotTarget } from './snapshots-types';

const Site = z.object({ connectionId: LocalId, siteId: SiteId });
const Key = Site.extend({ target: SnapshotTarget });

export const SiteChecklist = z.object({
  checkedAt: z.string(),
  targets: z.array(TargetChecklist),
  stale: z.boolean(),
});
export type SiteChecklist = z.infer<typeof SiteChecklist>;

export const runbooksCalls = {
  /** The runbook of a target; prefilled with sensible defaults (saved: false) until an operator saves it. */
  'runbooks.get': call(Key, Runbook),
  'runbooks.list': call(Site, z.array(Runbook)),
  'runbooks.save': call(Key.extend({ runbook: RunbookFields }), Runbook),
  /** Ends a conflict (the same field edited on two laptops): value `choice` wins, the other stays in history. */
  'runbooks.resolve': call(
    Key.extend({ field: z.enum(RUNBOOK_FIELD_NAMES), choice: z.number().int().min(0).max(9) }),
    Runbook,
  ),
  /** The production checklist of a site: per provider, the five production items, met or not and why. */
  'checklist.get': call(Site, SiteChecklist),
};

export const runbooksEvents = {
  'runbooks.changed': Key,
};
