import { z } from 'zod';
import { Connection, LocalId, Settings, Site } from '../../../shared/bridge';

/** 2: every connection has an environment (production, staging, sandbox) and a colour. */
export const SETTINGS_SCHEMA_VERSION = 2;

/** A connection as stored: the profile plus where its token lives; `hasToken` is derived, not stored. */
export const StoredConnection = Connection.omit({ hasToken: true }).extend({ secretRef: LocalId });
export type StoredConnection = z.infer<typeof StoredConnection>;

export const SettingsDoc = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  settings: Settings,
  connections: z.array(StoredConnection).max(200),
  sites: z.array(Site).max(1000),
});
export type SettingsDoc = z.infer<typeof SettingsDoc>;

export function emptySettingsDoc(): SettingsDoc {
  return {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    settings: Settings.parse({}),
    connections: [],
    sites: [],
  };
}

/** Just enough to read the version of a file before deciding how to treat it. */
export const VersionProbe = z.looseObject({ schemaVersion: z.number().int().positive() });
