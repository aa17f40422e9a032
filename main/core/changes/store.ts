import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { JournalEntry, type NewEntry } from '../../../shared/domain/workflow/entries';
import { foldChange } from '../../../shared/domain/workflow/fold';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { KeyedQueue } from '../../base/keyed-queue';
import { appendJournal, readJournal } from './journal-file';

interface Held {
  entries: JournalEntry[];
  problems: string[];
  state: ChangeState;
}

/**
 * Every change's journal, under `<dataDir>/changes/<changeId>.jsonl`, kept in memory (a few hundred
 * changes at most) and appended through one queue per change so concurrent calls keep `seq` order.
 */
export class ChangeStore {
  private readonly held = new Map<string, Held>();
  private readonly queues = new KeyedQueue();

  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async load(): Promise<string[]> {
    const problems: string[] = [];
    let names: string[] = [];
    try {
      names = (await fs.readdir(this.dir)).filter((n) => n.endsWith('.jsonl'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const name of names) {
      const read = await readJournal(join(this.dir, name));
      try {
        this.held.set(name.slice(0, -'.jsonl'.length), {
          ...read,
          state: foldChange(read.entries),
        });
      } catch (error) {
        problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      problems.push(...read.problems.map((p) => `${name} ${p}`));
    }
    return problems;
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
