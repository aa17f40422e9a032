import { SETTINGS_SCHEMA_VERSION } from './schema';

/**
 * Pure, explicit migrations from each older schema version to the next. Version 1 is the first
 * shipped format, so the table is empty; a change of format adds `1: (doc) => ({...v2})` here with
 * a fixture test, never an implicit reset.
 */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

export function migrateSettings(
  doc: Record<string, unknown>,
  from: number,
): Record<string, unknown> {
  let current = doc;
  for (let v = from; v < SETTINGS_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no migration from settings version ${v}`);
    current = { ...step(current), schemaVersion: v + 1 };
  }
  return current;
}
