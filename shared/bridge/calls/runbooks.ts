import { z } from 'zod';
import { TargetChecklist } from '../../domain/workflow/checklist';
import { Runbook, RunbookFields } from '../../domain/workflow/runbook';
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
  /** The production checklist of a site: per provider, the five production items, met or not and why. */
  'checklist.get': call(Site, SiteChecklist),
};

export const runbooksEvents = {
  'runbooks.changed': Key,
};
