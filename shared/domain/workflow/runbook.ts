import { z } from 'zod';
import { SnapshotTarget } from '../../bridge/calls/snapshots-types';

const Text = (max: number) => z.string().trim().max(max);

export const EscalationContact = z.object({
  name: Text(120).min(1, 'a name'),
  role: Text(120).default(''),
  contact: Text(200).default(''),
  link: Text(500).default(''),
});
export type EscalationContact = z.infer<typeof EscalationContact>;

/** The rollbacks a runbook documents (re-enabling is their undo, not a control of its own). */
export const RollbackControlKind = z.enum(['disable', 'test_mode', 'restore']);
export type RollbackControlKind = z.infer<typeof RollbackControlKind>;
/** Which knob, when: the documented rollback controls of one target. */
export const RollbackControl = z.object({
  control: RollbackControlKind,
  when: Text(500).min(1, 'say when to use it'),
});
export type RollbackControl = z.infer<typeof RollbackControl>;

export const DEFAULT_BUSINESS_CYCLE_MINUTES = 24 * 60;

export const RunbookFields = z.object({
  owner: Text(120).default(''),
  escalation: z.array(EscalationContact).max(20).default([]),
  /** One business cycle: how long logs are watched after a change (minutes; default 24 h). */
  businessCycleMinutes: z
    .number()
    .min(0.05)
    .max(31 * 24 * 60)
    .default(DEFAULT_BUSINESS_CYCLE_MINUTES),
  rollbackControls: z.array(RollbackControl).max(10).default([]),
  notes: Text(4000).default(''),
});
export type RunbookFields = z.infer<typeof RunbookFields>;

export const RUNBOOK_FIELD_NAMES = [
  'owner',
  'escalation',
  'businessCycleMinutes',
  'rollbackControls',
  'notes',
] as const;

/** A field two laptops changed to different values: both kept until an operator chooses. */
export const RunbookConflict = z.object({
  field: z.enum(RUNBOOK_FIELD_NAMES),
  values: z
    .array(z.object({ value: z.unknown(), by: z.string(), at: z.string() }))
    .min(2)
    .max(10),
});
export type RunbookConflict = z.infer<typeof RunbookConflict>;

export const Runbook = RunbookFields.extend({
  target: SnapshotTarget,
  /** False while only the prefilled defaults exist: nothing is documented until an operator saves. */
  saved: z.boolean(),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
  conflicts: z.array(RunbookConflict).default([]),
});
export type Runbook = z.infer<typeof Runbook>;
