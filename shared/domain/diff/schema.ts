import { z } from 'zod';

/** One leaf-level change, addressed by a dot path (`config.pixelId`, `retryPolicy.maxAttempts`). */
export const FieldChange = z.object({
  path: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const MappingChange = z.object({
  event: z.string(),
  change: z.enum(['added', 'removed', 'retargeted']),
  before: z.string().optional(),
  after: z.string().optional(),
});
export type MappingChange = z.infer<typeof MappingChange>;

export const FilterChange = z.object({
  event: z.string(),
  change: z.enum([
    'filter_added',
    'filter_removed',
    'filter_enabled',
    'filter_disabled',
    'condition_added',
    'condition_removed',
    'condition_changed',
  ]),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type FilterChange = z.infer<typeof FilterChange>;

export const CriticalCode = z.enum([
  'mapping_removed_with_traffic',
  'filter_drops_event',
  'integration_disabled',
  'webhook_deactivated',
  'data_layer_disabled',
]);
export const CriticalFlag = z.object({
  code: CriticalCode,
  message: z.string(),
  event: z.string().optional(),
  /** How sure we are: `observed` = proven on recent payloads or log traffic, `possible` = no evidence either way. */
  evidence: z.enum(['observed', 'possible']),
});
export type CriticalFlag = z.infer<typeof CriticalFlag>;

export const IntegrationDiff = z.object({
  kind: z.literal('integration'),
  identical: z.boolean(),
  mappings: z.array(MappingChange),
  reverseMappings: z.array(FieldChange),
  filters: z.array(FilterChange),
  config: z.array(FieldChange),
  /** enabled / testMode. */
  switches: z.array(FieldChange),
  other: z.array(FieldChange),
  critical: z.array(CriticalFlag),
});
export type IntegrationDiff = z.infer<typeof IntegrationDiff>;

export const GenericDiff = z.object({
  kind: z.literal('generic'),
  identical: z.boolean(),
  changes: z.array(FieldChange),
  critical: z.array(CriticalFlag),
});
export type GenericDiff = z.infer<typeof GenericDiff>;

export const ConfigDiff = z.discriminatedUnion('kind', [IntegrationDiff, GenericDiff]);
export type ConfigDiff = z.infer<typeof ConfigDiff>;
