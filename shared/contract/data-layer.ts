import { z } from 'zod';
import { ReverseEventMapping } from './integration';

/** The documented defaults (the Integrations API documentation), shown beside every field in the UI. */
export const DATA_LAYER_DEFAULTS = {
  enabled: true,
  variableName: 'selwiseLayer',
  pageDetection: 'auto',
  autoPageTracking: true,
  bufferSize: 10,
  flushInterval: 1000,
  externalDataLayerName: 'dataLayer',
  debugMode: false,
} as const;

const JsIdentifier = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z_$][\w$]*$/,
    'a JavaScript global name: letters, digits, "_" or "$", not starting with a digit',
  );

export const DataLayerConfig = z.looseObject({
  enabled: z.boolean().default(DATA_LAYER_DEFAULTS.enabled),
  variableName: JsIdentifier.default(DATA_LAYER_DEFAULTS.variableName),
  pageDetection: z.enum(['auto', 'manual', 'patterns']).default(DATA_LAYER_DEFAULTS.pageDetection),
  autoPageTracking: z.boolean().default(DATA_LAYER_DEFAULTS.autoPageTracking),
  bufferSize: z.number().int().min(1).max(1000).default(DATA_LAYER_DEFAULTS.bufferSize),
  /** Milliseconds (unlike the tracker's flushInterval, which is in seconds). */
  flushInterval: z.number().int().min(100).max(600_000).default(DATA_LAYER_DEFAULTS.flushInterval),
  reverseEventMapping: ReverseEventMapping.optional(),
  externalDataLayerName: JsIdentifier.default(DATA_LAYER_DEFAULTS.externalDataLayerName),
  debugMode: z.boolean().default(DATA_LAYER_DEFAULTS.debugMode),
  updatedAt: z.string().optional(),
});
export type DataLayerConfig = z.infer<typeof DataLayerConfig>;
