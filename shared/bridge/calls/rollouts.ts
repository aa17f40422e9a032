import { z } from 'zod';
import { PatchOp, RolloutEntry, RolloutId } from '../../domain/rollout';
import { Outcome, Step } from '../../domain/workflow/entries';
import { call } from '../define';
import { LocalId, SiteId } from '../ids';
import { ChangeId } from './snapshots-types';

export const RolloutPlan = z.object({
  source: z.object({
    changeId: ChangeId,
    connectionId: LocalId,
    siteId: SiteId,
    target: z.string(),
    title: z.string().optional(),
    operator: z.string(),
  }),
  patch: z.array(PatchOp),
  /** One sentence per patch operation. */
  sentences: z.array(z.string()),
  /** What the change also edited but a rollout never carries (ids, secrets). */
  ignored: z.array(z.string()),
  /** Every other saved site, in the Fleet screen's order. */
  candidates: z.array(
    z.object({ key: LocalId, label: z.string(), connectionId: LocalId, siteId: SiteId }),
  ),
  monitorMinimumMinutes: z.number(),
});
export type RolloutPlan = z.infer<typeof RolloutPlan>;

/** Where each site's change stands, as the rollout screen shows it. */
export const RolloutChangeView = z.object({
  step: Step,
  open: z.boolean(),
  outcome: Outcome.optional(),
  testOk: z.boolean().optional(),
  anomalies: z.number().int(),
  rolledBack: z.boolean(),
  monitorEndsAt: z.string().optional(),
});
export type RolloutChangeView = z.infer<typeof RolloutChangeView>;

/** A rollout: its journal (folded on both sides by the same pure code) and its sites' changes. */
export const RolloutView = z.object({
  entries: z.array(RolloutEntry),
  changes: z.record(z.string(), RolloutChangeView),
});
export type RolloutView = z.infer<typeof RolloutView>;

export const RolloutSummary = z.object({
  id: RolloutId,
  title: z.string(),
  operator: z.string(),
  createdAt: z.string(),
  status: z.enum(['running', 'halted', 'completed', 'rolled_back']),
  wave: z.number().int(),
  waves: z.array(z.number().int()),
  sites: z.number().int(),
});
export type RolloutSummary = z.infer<typeof RolloutSummary>;

const ById = z.object({ rolloutId: RolloutId });

export const rolloutsCalls = {
  /** What a rollout of this change would carry and to which sites it could go. */
  'rollouts.plan': call(z.object({ changeId: ChangeId }), RolloutPlan),
  'rollouts.start': call(
    z.object({
      changeId: ChangeId,
      keys: z.array(LocalId).min(1).max(1000),
      waves: z.array(z.number().int().min(1)).min(1).max(50),
      /** Each wave's monitoring window; absent = the sites' business cycles. */
      monitorMinutes: z
        .number()
        .positive()
        .max(7 * 24 * 60)
        .optional(),
    }),
    RolloutView,
  ),
  'rollouts.list': call(z.object({}), z.array(RolloutSummary)),
  'rollouts.get': call(ById, RolloutView),
  'rollouts.continue': call(
    ById.extend({ reason: z.string().trim().min(1).max(2000) }),
    RolloutView,
  ),
  'rollouts.rollbackWave': call(ById, RolloutView),
};

export const rolloutsEvents = {
  'rollouts.changed': ById,
};
