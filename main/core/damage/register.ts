import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { DamageReport } from '../../../shared/bridge/calls/damage';
import { loadJsonFile, saveJsonFile } from '../fs/json-file';

/** What a store says when it moves a damaged file aside; the register adds the id and the time. */
export type NewDamage = Omit<DamageReport, 'id' | 'at'>;
/** The one way every store reports a quarantined file (never stderr only, never not at all). */
export type DamageSink = (report: NewDamage) => void;

export const DAMAGE_FILE = 'damage.json';
const DamageFile = z.object({ schemaVersion: z.literal(1), reports: z.array(DamageReport) });
/** Enough for any real incident; beyond it the oldest notices go (their files stay on disk). */
const MAX_REPORTS = 200;

/**
 * Every damaged file any store found, kept on disk until the operator dismisses it, so a notice
 * survives a restart that happens before anyone read it. Stores report through `sink`; the core
 * forwards each report to every window (`damage.reported`) and the renderer lists them.
 */
export class DamageRegister {
  private readonly listeners = new Set<(report: DamageReport) => void>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private reports: DamageReport[],
    /** False when the file belongs to a newer app version: notices are then kept in memory only. */
    private readonly persistent: boolean,
    private readonly now: () => Date,
  ) {}

  static async open(dataDir: string, now: () => Date = () => new Date()): Promise<DamageRegister> {
    const path = join(dataDir, DAMAGE_FILE);
    let loaded: Awaited<ReturnType<typeof loadJsonFile<typeof DamageFile>>> | undefined;
    let unreadable: string | undefined;
    try {
      loaded = await loadJsonFile(path, DamageFile, { newestVersion: 1 });
    } catch (error) {
      unreadable = error instanceof Error ? error.message : String(error);
    }
    const register = new DamageRegister(
      path,
      loaded?.state === 'ok' ? loaded.value.reports : [],
      unreadable === undefined,
      now,
    );
    if (loaded?.state === 'quarantined')
      register.report({
        store: 'damage-log',
        file: path,
        movedTo: loaded.movedTo,
        reason: loaded.reason,
        lost: 'the list of damage notices not yet dismissed (the damaged files themselves are still in the data folder as *.corrupt-*)',
      });
    if (unreadable !== undefined)
      register.report({
        store: 'damage-log',
        file: path,
        reason: unreadable,
        lost: 'nothing; new damage notices are kept in memory only until the file can be used',
      });
    return register;
  }

  /** Bound, so stores can take it as a plain function. */
  readonly sink: DamageSink = (report) => void this.report(report);

  report(report: NewDamage): DamageReport {
    const at = this.now();
    const full: DamageReport = {
      ...report,
      id: `dmg-${at.getTime().toString(36)}-${randomBytes(4).toString('hex')}`,
      at: at.toISOString(),
    };
    this.reports.push(full);
    if (this.reports.length > MAX_REPORTS) this.reports.shift();
    // Also in the log, for support: the screen is the primary channel, not the only one.
    console.error(
      `[damage] ${report.store}: ${report.file} ${report.reason}; lost: ${report.lost}${report.movedTo ? `; kept as ${report.movedTo}` : ''}`,
    );
    this.save();
    for (const listener of this.listeners) listener(full);
    return full;
  }

  list(): DamageReport[] {
    return [...this.reports];
  }

  async dismiss(id: string): Promise<boolean> {
    const before = this.reports.length;
    this.reports = this.reports.filter((r) => r.id !== id);
    if (this.reports.length === before) return false;
    this.save();
    await this.writing;
    return true;
  }

  onReport(listener: (report: DamageReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every report so far has reached the disk (or failed to). */
  flush(): Promise<void> {
    return this.writing;
  }

  private save(): void {
    if (!this.persistent) return;
    this.writing = this.writing.then(() =>
      saveJsonFile(this.path, { schemaVersion: 1, reports: this.reports }).catch((error: unknown) =>
        // A full disk: the notices stay on screen for this session; nothing to report them to.
        console.error(
          `[damage] could not save ${this.path}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      ),
    );
  }
}
