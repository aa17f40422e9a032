import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DamagedChange } from '../../../shared/bridge/calls/changes-damaged';
import { fail } from '../../../shared/bridge/errors';
import { STEP_TITLES } from '../../../shared/domain/workflow/entries';
import type { DamageSink } from '../damage/register';
import { loadJsonFile, saveJsonFile } from '../fs/json-file';
import { readableSummary, type JournalRead } from './journal-verdict';

/** `<changeId>.damaged.json` beside the journals: the record that keeps a damaged change's lock. */
const MarkerFile = DamagedChange.extend({ schemaVersion: z.literal(1) });
const MARKER = /^([A-Za-z0-9_-]{1,64})\.damaged\.json$/;

const exists = (path: string) =>
  fs.access(path).then(
    () => true,
    () => false,
  );

/**
 * Changes whose journal could not be read back. Each has a marker file, written before its journal
 * is moved aside, so a crash at any point leaves the change either readable or marked: its lock
 * never silently disappears. An unresolved one holds its site's lock, or every site's when the
 * line naming its site was lost, until an operator abandons it.
 */
export class DamagedChanges {
  private readonly byId = new Map<string, DamagedChange>();

  constructor(
    private readonly dir: string,
    private readonly damage: DamageSink,
    private readonly now: () => Date,
  ) {}

  private markerPath(id: string): string {
    return join(this.dir, `${id}.damaged.json`);
  }

  /** Reads the markers among `names`; returns the ids they cover (their journals are not read). */
  async load(names: readonly string[]): Promise<Set<string>> {
    const covered = new Set<string>();
    for (const name of names) {
      const id = MARKER.exec(name)?.[1];
      if (!id) continue;
      covered.add(id);
      const record = await this.readMarker(id);
      this.byId.set(id, record);
      // A crash between writing the marker and moving the journal: finish the move now.
      if (!record.resolved && (await exists(record.journal)) && !(await exists(record.movedTo)))
        await fs.rename(record.journal, record.movedTo);
    }
    return covered;
  }

  private async readMarker(id: string): Promise<DamagedChange> {
    const path = this.markerPath(id);
    const journal = join(this.dir, `${id}.jsonl`);
    let loaded: Awaited<ReturnType<typeof loadJsonFile<typeof MarkerFile>>> | undefined;
    try {
      loaded = await loadJsonFile(path, MarkerFile, { newestVersion: 1 });
    } catch {
      loaded = undefined; // a newer version's marker: left as it is, its change keeps every lock
    }
    if (loaded?.state === 'ok') {
      const { schemaVersion: _v, ...record } = loaded.value;
      return record;
    }
    // Without its record, the change's site is unknown: it holds every site's lock until resolved.
    const record: DamagedChange = {
      changeId: id,
      detectedAt: this.now().toISOString(),
      journal,
      movedTo: `${journal}.corrupt-unknown`,
      reason: 'its damage record could not be read',
      readable: { lines: 0, entries: 0 },
    };
    if (loaded?.state === 'quarantined') {
      await saveJsonFile(path, { schemaVersion: 1, ...record });
      this.damage({
        store: 'changes',
        file: path,
        movedTo: loaded.movedTo,
        reason: loaded.reason,
        lost: `the record of damaged change ${id}, including which site it was on: it now holds the lock of every site until it is abandoned`,
        changeId: id,
      });
    }
    return record;
  }

  /** Marks a journal damaged (marker first), moves it aside and reports what could be read. */
  async quarantine(id: string, path: string, read: JournalRead, reason: string): Promise<void> {
    const summary = readableSummary(id, read);
    const movedTo = `${path}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}`;
    const record: DamagedChange = {
      changeId: id,
      detectedAt: this.now().toISOString(),
      journal: path,
      movedTo,
      reason,
      ...summary.site,
      readable: summary.readable,
    };
    await saveJsonFile(this.markerPath(id), { schemaVersion: 1, ...record });
    await fs.rename(path, movedTo);
    this.byId.set(id, record);
    const step = record.readable.step
      ? `; it had reached ${STEP_TITLES[record.readable.step]}`
      : '';
    this.damage({
      store: 'changes',
      file: path,
      movedTo,
      reason,
      lost: record.siteId
        ? `the unreadable entries of change ${id} (${record.target} on site ${record.siteId}); it keeps the site's lock until you abandon it`
        : `the line naming the site of change ${id}: it keeps the lock of every site until you abandon it`,
      kept: `${record.readable.entries} of ${record.readable.lines} lines could be read${step}`,
      changeId: id,
    });
  }

  get(id: string): DamagedChange | undefined {
    return this.byId.get(id);
  }

  list(): DamagedChange[] {
    return [...this.byId.values()];
  }

  /** The unresolved damaged change that holds this site's lock, if any. */
  holding(connectionId: string, siteId: string): DamagedChange | undefined {
    for (const r of this.byId.values())
      if (
        !r.resolved &&
        (r.siteId === undefined || (r.connectionId === connectionId && r.siteId === siteId))
      )
        return r;
    return undefined;
  }

  async abandon(id: string, by: string, note: string | undefined): Promise<DamagedChange> {
    const r = this.byId.get(id);
    if (!r) fail('not_found', `No damaged change ${id}.`);
    if (r.resolved) fail('validation', `Damaged change ${id} was already abandoned.`);
    const next: DamagedChange = {
      ...r,
      resolved: {
        at: this.now().toISOString(),
        by,
        outcome: 'abandoned',
        ...(note ? { note } : {}),
      },
    };
    await saveJsonFile(this.markerPath(id), { schemaVersion: 1, ...next });
    this.byId.set(id, next);
    return next;
  }
}
