import { isAbsolute } from 'node:path';
import type { DamagedChange } from '../../../shared/bridge/calls/changes-damaged';
import { fail } from '../../../shared/bridge/errors';
import { STEP_TITLES } from '../../../shared/domain/workflow/entries';
import type { WorkspaceFeature } from '../workspace/feature';
import type { Repair } from '../workspace/file-guard';
import { DamagedFile, journalProblem, parseJournal, readJson } from '../workspace/files';
import { damagedPath, journalPath, type SiteRef } from '../workspace/layout';
import { UNKNOWN_SITE } from '../workspace/migrate-damage';
import { readableSummary } from './journal-verdict';

interface Marked {
  record: DamagedFile;
  site: SiteRef;
  path: string;
}

const sameSite = (a: SiteRef, b: SiteRef) => a.env === b.env && a.siteId === b.siteId;

/**
 * Changes whose journal could not be read back, each with its record in the team workspace
 * (`changes/<id>.damaged.json`), committed in the same commit that moves the journal to
 * quarantine/: a stop at any point leaves the change either readable or marked, and every laptop
 * sees the same. An unresolved one holds its site's lock (the site is the folder the journal was
 * in, so it is known even when the `started` line is lost) until an operator abandons it.
 */
export class DamagedChanges {
  private readonly byId = new Map<string, Marked>();

  constructor(
    private readonly w: Pick<WorkspaceFeature, 'ws' | 'places' | 'author'>,
    private readonly now: () => Date,
  ) {}

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** (Re)reads one record; a damaged one is repaired, or replaced by one that holds the lock. */
  async load(path: string, site: SiteRef, id: string): Promise<void> {
    let text = await this.w.ws.read(path);
    if (text === undefined) {
      this.byId.delete(id);
      return;
    }
    let record = readJson(DamagedFile, text);
    if (!record) {
      const fresh = this.unknownRecord(site, id);
      const r = await this.w.ws.guard.repair(
        path,
        () => ({
          store: 'changes',
          lost: `the record of damaged change ${id} (what could be read of its journal); it still holds the lock of site ${site.siteId} until it is abandoned`,
          changeId: id,
        }),
        () => [{ path, text: JSON.stringify(fresh, null, 2) + '\n' }],
      );
      text = r.state === 'quarantined' ? await this.w.ws.read(path) : stateText(r);
      record = readJson(DamagedFile, text ?? '') ?? fresh;
    }
    this.byId.set(id, { record, site, path });
  }

  private unknownRecord(site: SiteRef, id: string): DamagedFile {
    return {
      schemaVersion: 1,
      changeId: id,
      detectedAt: this.now().toISOString(),
      journal: journalPath(site, id),
      movedTo: 'unknown',
      reason: 'its damage record could not be read',
      ...(site.env === UNKNOWN_SITE.env ? {} : { siteId: site.siteId }),
      readable: { lines: 0, entries: 0 },
    };
  }

  /**
   * A journal that fails its check: repaired from the repository when only this disk damaged it;
   * otherwise moved to quarantine/ with its record (one commit) and reported with what could be read.
   */
  async quarantine(id: string, path: string, site: SiteRef): Promise<Repair> {
    let record: DamagedFile | undefined;
    const build = (text: string, movedTo: string): DamagedFile => {
      const read = parseJournal(text);
      const summary = readableSummary(id, read);
      const { connectionId: _local, ...known } = summary.site;
      return {
        schemaVersion: 1,
        changeId: id,
        detectedAt: this.now().toISOString(),
        journal: path,
        movedTo,
        reason: journalProblem(text) ?? 'cannot be read back',
        ...known,
        siteId: site.siteId,
        readable: summary.readable,
      };
    };
    const r = await this.w.ws.guard.repair(
      path,
      (text) => {
        const d = build(text, '');
        const step = d.readable.step ? `; it had reached ${STEP_TITLES[d.readable.step]}` : '';
        return {
          store: 'changes',
          lost: d.target
            ? `the unreadable entries of change ${id} (${d.target} on site ${site.siteId}); it keeps the site's lock until you abandon it`
            : `the line naming change ${id} (on site ${site.siteId}); it keeps the site's lock until you abandon it`,
          kept: `${d.readable.entries} of ${d.readable.lines} lines could be read${step}`,
          changeId: id,
        };
      },
      (text, movedTo) => {
        record = build(text, movedTo);
        return [{ path: damagedPath(site, id), text: JSON.stringify(record, null, 2) + '\n' }];
      },
    );
    if (r.state === 'quarantined' && record)
      this.byId.set(id, { record, site, path: damagedPath(site, id) });
    return r;
  }

  /** The bridge's view: absolute paths on this laptop, and the local connection of its site. */
  private view(m: Marked): DamagedChange {
    const { schemaVersion: _v, ...r } = m.record;
    const abs = (p: string) => (isAbsolute(p) ? p : this.w.ws.repo.folder.abs(p));
    const connectionId = this.w.places.connectionFor(m.site.env);
    return {
      ...r,
      journal: abs(r.journal),
      movedTo: r.movedTo === 'unknown' ? r.movedTo : abs(r.movedTo),
      ...(connectionId ? { connectionId } : {}),
    };
  }

  get(id: string): DamagedChange | undefined {
    const m = this.byId.get(id);
    return m && this.view(m);
  }

  list(): DamagedChange[] {
    return [...this.byId.values()].map((m) => this.view(m));
  }

  /** The unresolved damaged change that holds this site's lock, if any. */
  holding(site: SiteRef): DamagedChange | undefined {
    for (const m of this.byId.values())
      if (!m.record.resolved && (m.record.siteId === undefined || sameSite(m.site, site)))
        return this.view(m);
    return undefined;
  }

  /** The operator's resolution: the record says who abandoned it; its team lock is released. */
  async abandon(id: string, by: string, note: string | undefined): Promise<DamagedChange> {
    const m = this.byId.get(id);
    if (!m) fail('not_found', `No damaged change ${id}.`);
    if (m.record.resolved) fail('validation', `Damaged change ${id} was already abandoned.`);
    const record: DamagedFile = {
      ...m.record,
      resolved: {
        at: this.now().toISOString(),
        by,
        outcome: 'abandoned',
        ...(note ? { note } : {}),
      },
    };
    await this.w.ws.commit(
      [{ path: m.path, text: JSON.stringify(record, null, 2) + '\n' }],
      `Abandon damaged change ${id} (${by})`,
    );
    this.byId.set(id, { ...m, record });
    await this.w.ws.lock.release(m.site, id).catch(() => false);
    return this.view({ ...m, record });
  }
}

function stateText(r: Repair): string | undefined {
  return r.state === 'sound' || r.state === 'restored' ? r.text : undefined;
}
