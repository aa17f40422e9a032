import { DEFAULT_COLOR } from '../../../shared/bridge';
import { SETTINGS_SCHEMA_VERSION } from './schema';

type Doc = Record<string, unknown>;

/**
 * Pure, explicit migrations from each older schema version to the next, each with a fixture test
 * (test/unit/core/settings-migrations.test.ts), never an implicit reset.
 */
const MIGRATIONS: Record<number, (doc: Doc) => Doc> = {
  // 1 -> 2: connections gain an environment and a colour. The embedded sandbox is "sandbox"; a
  // remote connection from before cannot be told apart, so it is treated as production (loudest).
  1: (doc) => ({
    ...doc,
    connections: Array.isArray(doc.connections)
      ? doc.connections.map((c: unknown) => {
          if (!c || typeof c !== 'object') return c;
          const conn = c as Doc;
          const environment = conn.kind === 'sandbox' ? 'sandbox' : 'production';
          return { ...conn, environment, color: DEFAULT_COLOR[environment] };
        })
      : doc.connections,
  }),
};

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
