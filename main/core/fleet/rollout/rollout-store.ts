import { join } from 'node:path';
import {
  foldRollout,
  RolloutEntry,
  type NewRolloutEntry,
  type RolloutState,
} from '../../../../shared/domain/rollout';
import { KeyedQueue } from '../../../base/keyed-queue';
import { appendJsonLine, journalFiles, readJsonLines } from '../../changes/journal-file';

interface Held {
  entries: RolloutEntry[];
  problems: string[];
  state: RolloutState;
}

/**
 * Every rollout's journal, `<dataDir>/rollouts/<id>.jsonl`: append-only, fsynced line by line,
 * kept in memory and appended through one queue per rollout so two steps never interleave.
 */
export class RolloutStore {
  private readonly held = new Map<string, Held>();
  private readonly queues = new KeyedQueue();

  constructor(
    private readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async load(): Promise<string[]> {
    const problems: string[] = [];
    for (const name of await journalFiles(this.dir)) {
      const read = await readJsonLines(join(this.dir, name), RolloutEntry);
      problems.push(...read.problems.map((p) => `${name} ${p}`));
      try {
        this.held.set(name.slice(0, -'.jsonl'.length), {
          ...read,
          state: foldRollout(read.entries),
        });
      } catch (error) {
        problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return problems;
  }

  get(id: string): Held | undefined {
    return this.held.get(id);
  }

  all(): RolloutState[] {
    return [...this.held.values()].map((h) => h.state);
  }

  /** Runs `fn` after every earlier task of the same rollout. */
  serial<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.queues.run(id, fn);
  }

  async append(id: string, entry: NewRolloutEntry): Promise<RolloutState> {
    const held = this.held.get(id);
    const full = RolloutEntry.parse({
      ...entry,
      seq: (held?.entries.at(-1)?.seq ?? 0) + 1,
      at: this.now().toISOString(),
    });
    await appendJsonLine(join(this.dir, `${id}.jsonl`), full);
    const entries = [...(held?.entries ?? []), full];
    const state = foldRollout(entries);
    this.held.set(id, { entries, problems: held?.problems ?? [], state });
    return state;
  }
}
