import { z } from 'zod';
import {
  SnapshotBody,
  SnapshotKey,
  VersionFields,
} from '../../../shared/bridge/calls/snapshots-types';

/** The export file: self-describing, versioned, one item per snapshot version. */
export const BUNDLE_FORMAT = 'integration-ops/snapshots';
export const BUNDLE_SCHEMA_VERSION = 1;
export const BUNDLE_MAX_ITEMS = 20_000;

export const BundleItem = SnapshotKey.extend({
  ...VersionFields,
  knownGood: z.boolean().default(false),
  body: SnapshotBody,
}).strict();
export type BundleItem = z.infer<typeof BundleItem>;

export const Bundle = z
  .object({
    format: z.literal(BUNDLE_FORMAT, {
      message: `not an Integration Ops snapshot bundle (format must be "${BUNDLE_FORMAT}")`,
    }),
    schemaVersion: z.literal(BUNDLE_SCHEMA_VERSION, {
      message: `unsupported bundle schemaVersion (this app reads ${BUNDLE_SCHEMA_VERSION})`,
    }),
    exportedAt: z.iso.datetime(),
    items: z.array(BundleItem).min(1, 'the bundle holds no snapshot').max(BUNDLE_MAX_ITEMS),
  })
  .strict();
export type Bundle = z.infer<typeof Bundle>;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/**
 * Walk parsed JSON before any schema sees it: prototype-polluting keys and absurd nesting are
 * refused outright (JSON.parse keeps `__proto__` as an own key; spreading it later would not).
 */
export function hostileKeys(value: unknown): string | undefined {
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > MAX_DEPTH) return `nesting deeper than ${MAX_DEPTH} levels at ${path || '(root)'}`;
    for (const k of Object.keys(v)) {
      const p = path ? `${path}.${k}` : k;
      if (FORBIDDEN.has(k)) return `forbidden key "${k}" at ${p}`;
      stack.push([(v as Record<string, unknown>)[k], p, depth + 1]);
    }
  }
  return undefined;
}
