import { join } from 'node:path';
import { OpsFailure, Settings } from '../../../shared/bridge';
import { quarantine, readTextIfExists, writeFileAtomicSync } from '../../base/atomic-file';
import { loadJsonFile } from '../fs/json-file';
import type { SettingsBackend } from './backend';
import { migrateSettings } from './migrations';
import { emptySettingsDoc, SETTINGS_SCHEMA_VERSION, SettingsDoc, VersionProbe } from './schema';

export const SETTINGS_FILE = 'settings.json';
const BACKUP_FILE = 'settings.backup.json';

/**
 * The one settings document (preferences, connection profiles, sites). Opening it validates the
 * file first: a broken file is moved aside and reported; a file from a newer app version is
 * opened read-only so this older version never overwrites it.
 */
export class SettingsStore {
  private doc: SettingsDoc;
  private backend: SettingsBackend | undefined;

  private constructor(
    doc: SettingsDoc,
    backend: SettingsBackend | undefined,
    readonly notices: string[],
    readonly readOnlyReason: string | undefined,
    private readonly backupPath?: string,
  ) {
    this.doc = doc;
    this.backend = backend;
  }

  static async open(
    dir: string,
    makeBackend: (dir: string) => SettingsBackend,
  ): Promise<SettingsStore> {
    const path = join(dir, SETTINGS_FILE);
    const notices: string[] = [];
    let restored: SettingsDoc | undefined;
    const text = await readTextIfExists(path);
    if (text !== undefined) {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        raw = undefined;
      }
      const probe = VersionProbe.safeParse(raw);
      if (probe.success && probe.data.schemaVersion > SETTINGS_SCHEMA_VERSION) {
        const reason = `The settings file was written by a newer version of Integration Ops (format ${probe.data.schemaVersion}); it is open read-only so this version does not overwrite it.`;
        const parsed = SettingsDoc.safeParse({
          ...probe.data,
          schemaVersion: SETTINGS_SCHEMA_VERSION,
        });
        return new SettingsStore(
          parsed.success ? parsed.data : emptySettingsDoc(),
          undefined,
          [reason],
          reason,
        );
      }
      const migrated = probe.success
        ? SettingsDoc.safeParse(migrateSettings(probe.data, probe.data.schemaVersion))
        : undefined;
      if (!migrated?.success) {
        const why =
          text.trim() === ''
            ? 'was empty'
            : raw === undefined
              ? 'was not valid JSON'
              : 'did not match the settings format';
        const movedTo = await quarantine(path);
        const backup = await loadJsonFile(join(dir, BACKUP_FILE), SettingsDoc).catch(
          () => undefined,
        );
        if (backup?.state === 'ok') {
          restored = backup.value;
          notices.push(
            `The settings file ${why}; it was moved to ${movedTo} and the last good copy (${BACKUP_FILE}) was restored.`,
          );
        } else {
          notices.push(
            `The settings file ${why}; it was moved to ${movedTo} and no good copy was found, so the app started with fresh settings. Your connections may need to be added again.`,
          );
        }
      }
    }
    const backend = makeBackend(dir);
    if (restored) backend.write(restored);
    const current = SettingsDoc.safeParse(backend.read());
    const doc = current.success ? current.data : emptySettingsDoc();
    if (!current.success) backend.write(doc);
    return new SettingsStore(doc, backend, notices, undefined, join(dir, BACKUP_FILE));
  }

  get snapshot(): SettingsDoc {
    return this.doc;
  }

  get settings(): Settings {
    return this.doc.settings;
  }

  /** Apply a change to the document; validated before it is written. */
  update(change: (doc: SettingsDoc) => SettingsDoc): SettingsDoc {
    if (!this.backend)
      throw new OpsFailure({
        kind: 'validation',
        message: this.readOnlyReason ?? 'Settings are read-only.',
      });
    const next = SettingsDoc.parse(change(structuredClone(this.doc)));
    this.backend.write(next);
    this.doc = next;
    // The last good copy, used if settings.json is ever found damaged (written after, never instead).
    if (this.backupPath) {
      try {
        writeFileAtomicSync(this.backupPath, JSON.stringify(next, null, 2) + '\n');
      } catch {
        /* the main file is written; a missing backup only matters after a later corruption */
      }
    }
    return next;
  }

  /** Changes the fields `patch` names and only those (a field given as undefined is left alone). */
  updateSettings(patch: Partial<Settings>): Settings {
    const named = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    return this.update((doc) => ({
      ...doc,
      settings: Settings.parse({ ...doc.settings, ...named }),
    })).settings;
  }
}
