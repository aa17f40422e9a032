import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  foldRollout,
  RolloutEntry,
  type NewRolloutEntry,
  type RolloutState,
} from '../../../../shared/domain/rollout';
import { appendJsonLine, readJsonLines } from '../../changes/journal-file';

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
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly dir: string,
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
    const prev = this.queues.get(id) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    this.queues.set(
      id,
      next.catch(() => undefined),
    );
    return next;
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
