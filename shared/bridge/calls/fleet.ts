import { z } from 'zod';
import { HealthStatus } from '../../contract/health';
import { ProviderKey } from '../../contract/providers';
import { TargetChecklist } from '../../domain/workflow/checklist';
import { Step } from '../../domain/workflow/entries';
import { call } from '../define';
import { LocalId, SiteId } from '../ids';

/** When a cell's data was read, and whether it is the offline copy (the API was unreachable). */
const Age = { at: z.string(), stale: z.boolean() };

export const FleetHealth = z.object({
  ...Age,
  /** The site's worst status, or `error` when the API refused the read (404, 401, …). */
  status: z.union([HealthStatus, z.literal('error')]),
  providers: z.partialRecord(ProviderKey, HealthStatus),
  webhooks: z.array(z.object({ id: z.string(), name: z.string(), status: HealthStatus })),
  error: z.string().optional(),
});
export type FleetHealth = z.infer<typeof FleetHealth>;

export const FleetDrift = z.object({
  ...Age,
  state: z.enum(['none', 'drifted', 'no_known_good']),
  /** Targets whose live config differs from their known-good version. */
  targets: z.array(z.string()),
});
export type FleetDrift = z.infer<typeof FleetDrift>;

export const FleetChange = z.object({
  id: z.string(),
  target: z.string(),
  title: z.string().optional(),
  operator: z.string(),
  step: Step,
  open: z.boolean(),
  outcome: z.string().optional(),
  at: z.string(),
  rolloutId: z.string().optional(),
});
export type FleetChange = z.infer<typeof FleetChange>;

export const FleetCompliance = z.object({
  at: z.string(),
  met: z.number().int(),
  total: z.number().int(),
  /** The items not met, as `<target>: <item label>`. */
  missing: z.array(z.string()),
});
export type FleetCompliance = z.infer<typeof FleetCompliance>;

/** One row of the Fleet screen: a saved site and what is known about it, cell by cell. */
export const FleetRow = z.object({
  key: LocalId,
  connectionId: LocalId,
  connectionName: z.string(),
  siteId: SiteId,
  label: z.string(),
  health: FleetHealth.nullable(),
  drift: FleetDrift.nullable(),
  openChange: FleetChange.nullable(),
  lastChange: FleetChange.nullable(),
  compliance: FleetCompliance.nullable(),
});
export type FleetRow = z.infer<typeof FleetRow>;

export const FleetConnectionStatus = z.object({
  connectionId: LocalId,
  name: z.string(),
  sites: z.number().int(),
  /** Sites with a health read (live or offline copy). */
  read: z.number().int(),
  /** Milliseconds from the start of polling to the first complete picture, once reached. */
  completeAfterMs: z.number().optional(),
  round: z.number().int(),
  offline: z.boolean(),
  budget: z.object({
    limit: z.number().optional(),
    perMinute: z.number(),
    reserve: z.number(),
    blockedForMs: z.number(),
    waiting: z.record(z.string(), z.number().int()),
    sent: z.record(z.string(), z.number().int()),
    rateLimited: z.number().int(),
  }),
});
export type FleetConnectionStatus = z.infer<typeof FleetConnectionStatus>;

export const FleetPicture = z.object({
  rows: z.array(FleetRow),
  status: z.array(FleetConnectionStatus),
});
export type FleetPicture = z.infer<typeof FleetPicture>;

/** Sites x providers x the five production-checklist items (exported as CSV or Markdown). */
export const FleetChecklist = z.object({
  checkedAt: z.string(),
  rows: z.array(
    z.object({
      key: LocalId,
      label: z.string(),
      connectionName: z.string(),
      siteId: SiteId,
      targets: z.array(TargetChecklist),
    }),
  ),
});
export type FleetChecklist = z.infer<typeof FleetChecklist>;

/** A pasted or imported list: one line per site, `site id[,label]`. */
export const SiteImportRow = z.object({
  line: z.number().int().min(1),
  siteId: z.string().max(200),
  label: z.string().max(200),
});
export const SiteImportOutcome = z.object({
  line: z.number().int(),
  siteId: z.string(),
  label: z.string(),
  outcome: z.enum(['added', 'duplicate', 'invalid', 'not_found', 'refused', 'unreachable']),
  /** The API's answer (or why the row never reached it), in the operator's words. */
  message: z.string(),
  key: LocalId.optional(),
});
export type SiteImportOutcome = z.infer<typeof SiteImportOutcome>;

export const fleetCalls = {
  /** The whole picture; starts (or keeps alive) the fleet's polling. */
  'fleet.rows': call(z.object({}), FleetPicture),
  /** The rows on screen (read first) and a heartbeat: polling stops when no screen asks. */
  'fleet.visible': call(
    z.object({ keys: z.array(LocalId).max(500) }),
    z.object({ ok: z.literal(true) }),
  ),
  'fleet.checklist': call(z.object({}), FleetChecklist),
  /** Adds sites by id, each checked against the API first; duplicates and unknown ids refused. */
  'sites.import': call(
    z.object({ connectionId: LocalId, rows: z.array(SiteImportRow).min(1).max(1000) }),
    z.object({ results: z.array(SiteImportOutcome) }),
  ),
  'sites.removeMany': call(
    z.object({ ids: z.array(LocalId).min(1).max(1000) }),
    z.object({ removed: z.number().int() }),
  ),
  'sites.relabel': call(
    z.object({
      labels: z
        .array(z.object({ id: LocalId, label: z.string().trim().min(1).max(80) }))
        .min(1)
        .max(1000),
    }),
    z.object({ relabelled: z.number().int() }),
  ),
};

export const fleetEvents = {
  /** Rows that changed (coalesced, at most a few times a second) and keys of removed rows. */
  'fleet.rows': z.object({
    rows: z.array(FleetRow),
    removed: z.array(z.string()),
    status: z.array(FleetConnectionStatus),
  }),
  /** Progress of a running import (checked rows so far). */
  'sites.importProgress': z.object({
    connectionId: z.string(),
    done: z.number().int(),
    total: z.number().int(),
  }),
};
