import { z } from 'zod';
import { call } from '../define';

/** Every local store that keeps files in the data folder; each reports damage the same way. */
export const DamagedStore = z.enum([
  'settings',
  'secrets',
  'cache',
  'snapshots',
  'changes',
  'monitor',
  'runbooks',
  'drafts',
  'sandbox',
  'damage-log',
  /** Team workspace files that belong to no store of their own (lock.json, site.json). */
  'workspace',
  'alerts',
  'rollouts',
]);
export type DamagedStore = z.infer<typeof DamagedStore>;

/**
 * A file the app could not use and moved aside: where it was, where it is now, why it was refused,
 * what the operator lost and what was kept or restored. Shown on screen until dismissed.
 */
export const DamageReport = z.object({
  id: z.string().regex(/^dmg-[a-z0-9-]{1,60}$/),
  store: DamagedStore,
  /** The path the damaged file had. */
  file: z.string(),
  /** Where the damaged file was kept for inspection (absent if it could not be moved). */
  movedTo: z.string().optional(),
  /** Why the file was refused, e.g. "is not valid JSON (truncated or corrupted)". */
  reason: z.string(),
  /** What the operator lost, in their words: "the runbooks of site X", "stored tokens". */
  lost: z.string(),
  /** What was kept or restored: "restored from settings.backup.json", "12 of 14 entries". */
  kept: z.string().optional(),
  /** Set for a damaged change journal: the change that still holds its site's lock. */
  changeId: z.string().optional(),
  at: z.string(),
});
export type DamageReport = z.infer<typeof DamageReport>;

export const damageCalls = {
  /** Damage found and not yet dismissed, oldest first. */
  'damage.list': call(z.object({}), z.array(DamageReport)),
  /** The operator has read it: off the screen (the moved-aside file stays where it is). */
  'damage.dismiss': call(
    z.object({ id: DamageReport.shape.id }),
    z.object({ dismissed: z.boolean() }),
  ),
};

export const damageEvents = {
  'damage.reported': DamageReport,
  'damage.dismissed': z.object({ id: z.string() }),
};
