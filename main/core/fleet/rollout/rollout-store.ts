import { join } from 'node:path';
import {
  foldRollout,
  RolloutEntry,
  type NewRolloutEntry,
  type RolloutState,
} from '../../../../shared/domain/rollout';
import { quarantine } from '../../../base/atomic-file';
import { KeyedQueue } from '../../../base/keyed-queue';
import type { DamageSink } from '../../damage/register';
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
    private readonly damage: DamageSink = () => undefined,
  ) {}

  /**
   * Reads every rollout. A torn last line (an append a crash cut short) is skipped and listed; a
   * journal that lost acknowledged lines (its first one, or a gap in the numbering) is moved
   * aside and reported: that rollout never resumes on a guess. Its sites' changes stay whole in
   * their own journals.
   */
  async load(): Promise<string[]> {
    const problems: string[] = [];
    for (const name of await journalFiles(this.dir)) {
      const path = join(this.dir, name);
      const read = await readJsonLines(path, RolloutEntry);
      problems.push(...read.problems.map((p) => `${name} ${p}`));
      const gap = read.entries.findIndex((e, i) => e.seq !== i + 1);
      try {
        if (read.entries.length === 0) throw new Error('has no readable entry');
        if (gap >= 0) throw new Error(`is missing entry ${gap + 1}`);
        this.held.set(name.slice(0, -'.jsonl'.length), {
          ...read,
          state: foldRollout(read.entries),
        });
      } catch (error) {
        const movedTo = await quarantine(path, this.now()).catch(() => undefined);
        this.damage({
          store: 'rollouts',
          file: path,
          ...(movedTo ? { movedTo } : {}),
          reason: error instanceof Error ? error.message : String(error),
          lost: `the rollout ${name.slice(0, -'.jsonl'.length)}: it will not resume (each site's change is still whole in its own journal)`,
        });
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
