import { JournalEntry, type NewEntry } from '../../../shared/domain/workflow/entries';
import { KeyedQueue } from '../../base/keyed-queue';
import { foldChange } from '../../../shared/domain/workflow/fold';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { parseJournal } from '../workspace/files';
import { journalPath, siteDir, type SiteRef } from '../workspace/layout';
import type { WorkspaceFeature } from '../workspace/feature';

interface Held {
  entries: JournalEntry[];
  problems: string[];
  state: ChangeState;
  path: string;
  site: SiteRef;
}

const JOURNAL = /^sites\/([^/]+)\/([^/]+)\/changes\/([A-Za-z0-9_-]+)\.jsonl$/;

/**
 * Every change's journal, in the team workspace under `sites/<env>/<site>/changes/<id>.jsonl`,
 * kept in memory and appended through one queue per change so concurrent calls keep `seq` order.
 * Each appended line is one commit. Journals written on other laptops arrive with merges; their
 * connection id is mapped to this laptop's connection to the same API.
 */
export class ChangeStore {
  private readonly held = new Map<string, Held>();
  private readonly queues = new KeyedQueue();

  constructor(
    private readonly w: Pick<WorkspaceFeature, 'ws' | 'places'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async load(): Promise<string[]> {
    const paths: string[] = [];
    for (const env of await this.w.ws.list('sites'))
      await Promise.all(
        (await this.w.ws.list(`sites/${env}`)).map(async (siteId) => {
          const dir = `${siteDir({ env, siteId })}/changes`;
          for (const name of await this.w.ws.list(dir))
            if (name.endsWith('.jsonl')) paths.push(`${dir}/${name}`);
        }),
      );
    const problems: string[] = [];
    for (let i = 0; i < paths.length; i += 32)
      for (const p of await Promise.all(paths.slice(i, i + 32).map((x) => this.reload(x))))
        if (p) problems.push(p);
    return problems;
  }

  /** (Re)reads one journal file; returns a problem line when it cannot be used. */
  async reload(path: string): Promise<string | undefined> {
    const m = JOURNAL.exec(path);
    if (!m) return undefined;
    const [, env, siteId, id] = m as unknown as [string, string, string, string];
    const text = await this.w.ws.read(path);
    if (text === undefined) {
      this.held.delete(id);
      return undefined;
    }
    const read = parseJournal(text);
    const connectionId = this.w.places.connectionFor(env);
    const entries = read.entries.map((e) =>
      e.type === 'started' && connectionId ? { ...e, connectionId } : e,
    );
    try {
      this.held.set(id, {
        entries,
        problems: read.bad.map((b) => `${id}.jsonl ${b}`),
        state: foldChange(entries),
        path,
        site: { env, siteId },
      });
    } catch (error) {
      return `${id}.jsonl: ${error instanceof Error ? error.message : String(error)}`;
    }
    return undefined;
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

  async append(id: string, entry: NewEntry): Promise<ChangeState> {
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
