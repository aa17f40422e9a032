import { z } from 'zod';
import { ChangeId, SnapshotTarget } from '../../bridge/calls/snapshots-types';
import { LocalId, SiteId } from '../../bridge/ids';
import { Patch } from './patch';

export const RolloutId = z
  .string()
  .regex(/^rol-\d{8}-[0-9a-f]{8}$/, 'a rollout id looks like rol-20260105-1a2b3c4d');

export const RolloutSite = z.object({
  /** The saved site (its local id). */
  key: LocalId,
  connectionId: LocalId,
  siteId: SiteId,
  label: z.string(),
});
export type RolloutSite = z.infer<typeof RolloutSite>;

const base = { seq: z.number().int().min(1), at: z.string() };

/** One line of a rollout's journal (`rollouts/<id>.jsonl`); lines are appended, never rewritten. */
export const RolloutEntry = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('created'),
    rolloutId: RolloutId,
    operator: z.string(),
    title: z.string().max(200),
    source: z.object({
      changeId: ChangeId,
      connectionId: LocalId,
      siteId: SiteId,
      target: SnapshotTarget,
    }),
    patch: Patch,
    /** In rollout order; `waves` cuts this list into consecutive waves. */
    sites: z.array(RolloutSite).min(1).max(1000),
    waves: z.array(z.number().int().min(1)).min(1),
    /** Each wave is watched this long; absent = the longest business cycle of its sites' runbooks. */
    monitorMinutes: z.number().positive().optional(),
  }),
  z.object({ ...base, type: z.literal('site_started'), key: LocalId, changeId: ChangeId }),
  z.object({
    ...base,
    type: z.literal('site_skipped'),
    key: LocalId,
    changeId: ChangeId.optional(),
    reason: z.string().max(2000),
  }),
  z.object({
    ...base,
    type: z.literal('wave_monitoring'),
    wave: z.number().int().min(0),
    minutes: z.number().positive(),
    endsAt: z.string(),
  }),
  z.object({ ...base, type: z.literal('wave_passed'), wave: z.number().int().min(0) }),
  z.object({
    ...base,
    type: z.literal('halted'),
    wave: z.number().int().min(0),
    key: LocalId.optional(),
    changeId: ChangeId.optional(),
    reason: z.string().max(4000),
  }),
  z.object({
    ...base,
    type: z.literal('continued'),
    operator: z.string(),
    reason: z.string().min(1).max(2000),
  }),
  z.object({
    ...base,
    type: z.literal('wave_rolled_back'),
    wave: z.number().int().min(0),
    results: z.array(
      z.object({
        key: LocalId,
        changeId: ChangeId,
        ok: z.boolean(),
        testOk: z.boolean().optional(),
        error: z.string().optional(),
      }),
    ),
  }),
  z.object({
    ...base,
    type: z.literal('finished'),
    outcome: z.enum(['completed', 'rolled_back']),
  }),
]);
export type RolloutEntry = z.infer<typeof RolloutEntry>;
export type NewRolloutEntry = RolloutEntry extends infer E
  ? E extends RolloutEntry
    ? Omit<E, 'seq' | 'at'>
    : never
  : never;
