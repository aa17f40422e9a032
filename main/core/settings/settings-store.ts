import { join } from 'node:path';
import { OpsFailure, Settings } from '../../../shared/bridge';
import { writeFileAtomicSync } from '../../base/atomic-file';
import type { NewDamage } from '../damage/register';
import type { SettingsBackend } from './backend';
import { BACKUP_FILE, readStartingSettings } from './recover';
import { emptySettingsDoc, SettingsDoc } from './schema';

export { SETTINGS_FILE } from './recover';

/**
 * The one settings document (preferences, connection profiles, sites). Opening it validates the
 * file first: a broken or missing file is replaced by the last good copy when there is one, moved
 * aside and reported (`damage`, shown by the core); a file from a newer app version is opened
 * read-only so this older version never overwrites it.
 */
export class SettingsStore {
  private doc: SettingsDoc;

  private constructor(
    doc: SettingsDoc,
    private readonly backend: SettingsBackend | undefined,
    /** Start-up notices that are not damage (e.g. opened read-only). */
    readonly notices: string[],
    readonly readOnlyReason: string | undefined,
    /** Files found damaged or missing while opening; the core reports them on screen. */
    readonly damage: NewDamage[],
    /** Undefined when the backup must not be replaced (it could not be read). */
    private readonly backupPath: string | undefined,
  ) {
    this.doc = doc;
  }

  static async open(
    dir: string,
    makeBackend: (dir: string) => SettingsBackend,
  ): Promise<SettingsStore> {
    const start = await readStartingSettings(dir);
    if (start.kind === 'newer')
      return new SettingsStore(start.doc, undefined, [start.reason], start.reason, [], undefined);
    const backend = makeBackend(dir);
    const doc = start.doc ?? emptySettingsDoc();
    if (start.write || !start.doc) backend.write(doc);
    const backupPath = start.backupReplaceable ? join(dir, BACKUP_FILE) : undefined;
    return new SettingsStore(doc, backend, [], undefined, start.damage, backupPath);
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
