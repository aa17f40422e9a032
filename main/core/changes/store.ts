import { JournalEntry, type NewEntry } from '../../../shared/domain/workflow/entries';
import { foldChange } from '../../../shared/domain/workflow/fold';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { KeyedQueue } from '../../base/keyed-queue';
import type { WorkspaceFeature } from '../workspace/feature';
import { parseJournal, problemOfJournal } from '../workspace/files';
import { journalPath, siteDir, type SiteRef } from '../workspace/layout';
import { DamagedChanges } from './damaged';

interface Held {
  entries: JournalEntry[];
  problems: string[];
  state: ChangeState;
  path: string;
  site: SiteRef;
}

const CHANGE_FILE = /^sites\/([^/]+)\/([^/]+)\/changes\/([A-Za-z0-9_-]+)\.(jsonl|damaged\.json)$/;

/**
 * Every change's journal, in the team workspace under `sites/<env>/<site>/changes/<id>.jsonl`,
 * kept in memory and appended through one queue per change so concurrent calls keep `seq` order.
 * Each appended line is one commit. Journals written on other laptops arrive with merges; their
 * connection id is mapped to this laptop's connection to the same API. A journal that does not
 * read back whole is repaired from the repository or becomes a damaged change that keeps its lock.
 */
export class ChangeStore {
  private readonly held = new Map<string, Held>();
  private readonly queues = new KeyedQueue();
  /** Innermost: a journal's file and its copy in memory change together (appends vs. re-reads). */
  private readonly io = new KeyedQueue();
  /** Changes whose journal could not be read back; they keep their site's lock. */
  readonly damaged: DamagedChanges;

  constructor(
    private readonly w: Pick<WorkspaceFeature, 'ws' | 'places' | 'author'>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.damaged = new DamagedChanges(w, now);
  }

  /** Reads every journal and damage record of the workspace. */
  async load(): Promise<void> {
    const dirs: string[] = [];
    for (const env of await this.w.ws.list('sites'))
      for (const siteId of await this.w.ws.list(`sites/${env}`))
        dirs.push(`${siteDir({ env, siteId })}/changes`);
    for (let i = 0; i < dirs.length; i += 16)
      await Promise.all(dirs.slice(i, i + 16).map((d) => this.reloadDir(d)));
  }

  /**
   * Reads one site's changes from the folder as they are now: the records of damaged changes
   * first, so a journal moved to quarantine/ never leaves its change unlocked in between.
   */
  async reloadSite(site: SiteRef): Promise<void> {
    const seen = await this.reloadDir(`${siteDir(site)}/changes`);
    const gone = [...this.held.values()].filter(
      (h) => h.site.env === site.env && h.site.siteId === site.siteId && !seen.has(h.path),
    );
    for (const h of gone) await this.reload(h.path);
  }

  /** Reads a site's changes folder; returns the paths it holds. */
  private async reloadDir(dir: string): Promise<Set<string>> {
    const paths = (await this.w.ws.list(dir)).map((n) => `${dir}/${n}`);
    for (const p of paths.filter((x) => x.endsWith('.damaged.json'))) await this.reload(p);
    for (const p of paths.filter((x) => x.endsWith('.jsonl'))) await this.reload(p);
    return new Set(paths);
  }

  /** (Re)reads one journal or damage record (paths a merge changed come through here too). */
  async reload(path: string): Promise<void> {
    const m = CHANGE_FILE.exec(path);
    if (!m) return;
    const [, env, siteId, id, ext] = m as unknown as [string, string, string, string, string];
    const site = { env, siteId };
    if (ext === 'damaged.json') {
      await this.damaged.load(path, site, id);
      if (this.damaged.has(id)) this.held.delete(id);
      return;
    }
    await this.io.run(id, () => this.reloadJournal(path, site, id));
  }

  private async reloadJournal(path: string, site: SiteRef, id: string): Promise<void> {
    // A damaged change stays damaged until it is abandoned, whatever arrives for its journal.
    if (this.damaged.has(id)) return;
    const text = await this.w.ws.read(path);
    let read = text === undefined ? undefined : parseJournal(text);
    if (read && problemOfJournal(read)) {
      const r = await this.damaged.quarantine(id, path, site);
      read = r.state === 'sound' || r.state === 'restored' ? parseJournal(r.text) : undefined;
    }
    if (!read) {
      this.held.delete(id);
      return;
    }
    const connectionId = this.w.places.connectionFor(site.env);
    const entries = read.entries.map((e) =>
      e.type === 'started' && connectionId ? { ...e, connectionId } : e,
    );
    this.held.set(id, { entries, problems: [], state: foldChange(entries), path, site });
  }

  get(id: string): Held | undefined {
    return this.held.get(id);
  }

  all(): ChangeState[] {
    return [...this.held.values()].map((h) => h.state);
  }

  /** Runs `fn` after every earlier task on the same change: one writer per change at a time. */
  serial<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.queues.run(id, fn);
  }

  append(id: string, entry: NewEntry): Promise<ChangeState> {
    return this.io.run(id, () => this.appendNow(id, entry));
  }

  private async appendNow(id: string, entry: NewEntry): Promise<ChangeState> {
    let held = this.held.get(id);
    if (!held) {
      if (entry.type !== 'started') throw new Error(`change ${id} has no journal yet`);
      const site = this.w.places.site(entry.connectionId, entry.siteId);
      const describe = await this.w.places.describe(entry.connectionId, entry.siteId, (p) =>
        this.w.ws.read(p),
      );
      if (describe.length) await this.w.ws.commit(describe, `Describe site ${entry.siteId}`);
      held = {
        entries: [],
        problems: [],
        state: undefined as never,
        path: journalPath(site, id),
        site,
      };
    }
    // Parsed as it will be read back: defaults applied, and a malformed line is never written.
    const full = JournalEntry.parse({
      ...entry,
      seq: (held.entries.at(-1)?.seq ?? 0) + 1,
      at: this.now().toISOString(),
    });
    await this.w.ws.append(
      held.path,
      JSON.stringify(full),
      `Journal ${id} #${full.seq}: ${full.type}`,
    );
    held.entries.push(full);
    held.state = foldChange(held.entries);
    this.held.set(id, held);
    return held.state;
  }
}
