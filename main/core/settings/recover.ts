import { z } from 'zod';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { NewDamage } from '../damage/register';
import { quarantine, readTextIfExists } from '../../base/atomic-file';
import { loadJsonFile } from '../fs/json-file';
import { migrateSettings } from './migrations';
import { emptySettingsDoc, SETTINGS_SCHEMA_VERSION, SettingsDoc, VersionProbe } from './schema';

export const SETTINGS_FILE = 'settings.json';

/** A settings document of this or an older format, brought to the current one (backups too). */
const MigratedSettingsDoc = z.preprocess((raw) => {
  const probe = VersionProbe.safeParse(raw);
  if (!probe.success || probe.data.schemaVersion >= SETTINGS_SCHEMA_VERSION) return raw;
  try {
    return migrateSettings(probe.data, probe.data.schemaVersion);
  } catch {
    return raw;
  }
}, SettingsDoc);
export const BACKUP_FILE = 'settings.backup.json';

const LOST_ALL =
  'preferences, connection profiles and sites: add the connections and sites again (tokens stay in the secret store)';

/** What the settings store starts from, decided before anything is written. */
export type SettingsStart =
  | { kind: 'newer'; reason: string; doc: SettingsDoc }
  | {
      kind: 'usable';
      /** undefined: nothing usable was found, start with fresh settings. */
      doc: SettingsDoc | undefined;
      /** The doc came from the backup (or a migration) and must be written to settings.json. */
      write: boolean;
      damage: NewDamage[];
      /**
       * False when a backup exists that could not be read: it is the last good copy, so settings
       * that never came from it must not replace it.
       */
      backupReplaceable: boolean;
    };

/**
 * Reads settings.json, falling back to settings.backup.json when it is damaged or missing. A
 * damaged file is moved aside and reported; a missing file with a good backup is a restore with a
 * notice, never a silent reset; a newer version's file is opened read-only.
 */
export async function readStartingSettings(dir: string): Promise<SettingsStart> {
  const path = join(dir, SETTINGS_FILE);
  const text = await readTextIfExists(path);
  let problem: { reason: string; movedTo: string } | undefined;
  if (text !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const probe = VersionProbe.safeParse(raw);
    if (probe.success && probe.data.schemaVersion > SETTINGS_SCHEMA_VERSION) {
      const parsed = SettingsDoc.safeParse({
        ...probe.data,
        schemaVersion: SETTINGS_SCHEMA_VERSION,
      });
      return {
        kind: 'newer',
        reason: `The settings file was written by a newer version of Integration Ops (format ${probe.data.schemaVersion}); it is open read-only so this version does not overwrite it.`,
        doc: parsed.success ? parsed.data : emptySettingsDoc(),
      };
    }
    const migrated = probe.success
      ? SettingsDoc.safeParse(migrateSettings(probe.data, probe.data.schemaVersion))
      : undefined;
    if (migrated?.success) {
      const write = probe.success && probe.data.schemaVersion < SETTINGS_SCHEMA_VERSION;
      return { kind: 'usable', doc: migrated.data, write, damage: [], backupReplaceable: true };
    }
    const reason =
      text.trim() === ''
        ? 'was empty'
        : raw === undefined
          ? 'was not valid JSON (truncated or corrupted)'
          : 'did not match the settings format';
    problem = { reason, movedTo: await quarantine(path) };
  }
  return fromBackup(dir, path, problem);
}

async function fromBackup(
  dir: string,
  path: string,
  problem: { reason: string; movedTo: string } | undefined,
): Promise<SettingsStart> {
  const backupPath = join(dir, BACKUP_FILE);
  const mainReport = (lost: string, kept?: string): NewDamage => ({
    store: 'settings',
    file: path,
    reason: problem?.reason ?? 'was missing',
    lost,
    ...(problem ? { movedTo: problem.movedTo } : {}),
    ...(kept ? { kept } : {}),
  });
  let backup: Awaited<ReturnType<typeof loadJsonFile<typeof SettingsDoc>>>;
  try {
    backup = await loadJsonFile(backupPath, MigratedSettingsDoc, {
      newestVersion: SETTINGS_SCHEMA_VERSION,
    });
  } catch (error) {
    // Unreadable or from a newer version: left as it is, and never replaced by these settings.
    const why = error instanceof Error ? error.message : String(error);
    return {
      kind: 'usable',
      doc: undefined,
      write: false,
      backupReplaceable: false,
      damage: [
        mainReport(
          LOST_ALL,
          `the last good copy ${backupPath} could not be read (${why}); it was left untouched and will not be overwritten`,
        ),
      ],
    };
  }
  if (backup.state === 'ok') {
    const savedAt = await stat(backupPath).then(
      (s) => s.mtime.toISOString(),
      () => 'an unknown time',
    );
    return {
      kind: 'usable',
      doc: backup.value,
      write: true,
      backupReplaceable: true,
      damage: [
        mainReport(
          `settings changed after ${savedAt}, if any`,
          `the last good copy (${BACKUP_FILE}, saved ${savedAt}) was restored`,
        ),
      ],
    };
  }
  const damage: NewDamage[] = [];
  if (backup.state === 'quarantined') {
    if (problem)
      damage.push(mainReport(LOST_ALL, 'its backup was damaged too (see the next notice)'));
    damage.push({
      store: 'settings',
      file: backupPath,
      movedTo: backup.movedTo,
      reason: backup.reason,
      lost: problem
        ? 'the last good copy of the settings'
        : `${LOST_ALL} (${SETTINGS_FILE} was missing)`,
    });
  } else if (problem) {
    damage.push(mainReport(LOST_ALL, `there was no ${BACKUP_FILE} to restore`));
  }
  // Both missing is a first start: nothing to report.
  return { kind: 'usable', doc: undefined, write: false, damage, backupReplaceable: true };
}
