import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { JournalEntry, type NewEntry } from '../../../shared/domain/workflow/entries';
import { foldChange } from '../../../shared/domain/workflow/fold';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { KeyedQueue } from '../../base/keyed-queue';
import type { DamageSink } from '../damage/register';
import { DamagedChanges } from './damaged';
import { appendJournal, readJournal } from './journal-file';
import { journalVerdict } from './journal-verdict';

interface Held {
  entries: JournalEntry[];
  problems: string[];
  lines: number;
  state: ChangeState;
}

/**
 * Every change's journal, under `<dataDir>/changes/<changeId>.jsonl`, kept in memory (a few hundred
 * changes at most) and appended through one queue per change so concurrent calls keep `seq` order.
 */
export class ChangeStore {
  private readonly held = new Map<string, Held>();
  private readonly queues = new KeyedQueue();

  /** Changes whose journal could not be read back; they keep their site's lock. */
  readonly damaged: DamagedChanges;

  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
    damage: DamageSink = () => undefined,
  ) {
    this.damaged = new DamagedChanges(dir, damage, now);
  }

  /**
   * Reads every journal. One that does not read back whole is moved aside, reported and kept as a
   * damaged change (never dropped: that would release its lock); torn last appends are listed on
   * the change itself (its view's `problems`).
   */
  async load(): Promise<void> {
    let names: string[] = [];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const marked = await this.damaged.load(names);
    for (const name of names.filter((n) => n.endsWith('.jsonl'))) {
      const id = name.slice(0, -'.jsonl'.length);
      if (marked.has(id)) continue;
      const path = join(this.dir, name);
      const read = await readJournal(path);
      const verdict = journalVerdict(read);
      if (verdict.kind === 'damaged') await this.damaged.quarantine(id, path, read, verdict.reason);
      else this.held.set(id, { ...read, state: foldChange(read.entries) });
    }
  }

  path(id: string): string {
    return join(this.dir, `${id}.jsonl`);
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
    const held = this.held.get(id) ?? {
      entries: [],
      problems: [],
      lines: 0,
      state: undefined as unknown as ChangeState,
    };
    // Parsed as it will be read back: defaults applied, and a malformed line is never written.
    const full = JournalEntry.parse({
      ...entry,
      seq: (held.entries.at(-1)?.seq ?? 0) + 1,
      at: this.now().toISOString(),
    });
    await appendJournal(this.path(id), full);
    held.entries.push(full);
    held.state = foldChange(held.entries);
    this.held.set(id, held);
    return held.state;
  }
}
