import type { DamagedStore } from '../../../shared/bridge/calls/damage';
import { writeFileAtomic } from '../../base/atomic-file';
import type { DamageSink, NewDamage } from '../damage/register';
import { fileProblem } from './files';
import { kindOf, type FileKind } from './layout';
import type { Quarantined } from './merge-trees';
import type { FileWrite, Repository } from './repository';

/** What a store says about one of its files, in the operator's words. */
export interface DamageWords {
  store: DamagedStore;
  /** What is lost when no intact copy exists: "the runbook of ga4 on site X". */
  lost: string;
  kept?: string;
  changeId?: string;
}

export type Repair =
  /** Intact by the time it was looked at again (a merge or a repair got there first). */
  | { state: 'sound'; text: string }
  | { state: 'gone' }
  /** Damaged on this disk only: HEAD's copy is back in place. */
  | { state: 'restored'; text: string }
  /** Damaged in the history too: moved to quarantine/ in a commit. */
  | { state: 'quarantined' };

const STORE_OF: Partial<Record<FileKind, DamagedStore>> = {
  version: 'snapshots',
  mark: 'snapshots',
  runbook: 'runbooks',
  journal: 'changes',
  damaged: 'changes',
  draft: 'drafts',
  tally: 'monitor',
};
export const storeOf = (path: string): DamagedStore => STORE_OF[kindOf(path)] ?? 'workspace';

/**
 * Every store reads its workspace files through here. A file that fails its check is never
 * silently skipped or reset: it is repaired or quarantined, and reported through the damage
 * register with where it went and what was lost.
 *
 * The folder shows HEAD. When HEAD's copy is intact, the damage is on this disk only: HEAD's copy
 * is put back and the damaged one kept beside it as `<file>.corrupt-<time>`, so damage on one
 * laptop never reaches the team as a deletion. When HEAD's copy is damaged too, the damage is in
 * the shared history: one commit moves the file to `quarantine/<time>/` (with `extra`, e.g. the
 * record that keeps a damaged change's lock), and every laptop sees the same.
 */
export class FileGuard {
  constructor(
    private readonly repo: Repository,
    private readonly damage: DamageSink,
    private readonly now: () => Date,
  ) {}

  /** The file's text when it passes its kind's check; undefined when absent or quarantined. */
  async read(path: string, words: DamageWords): Promise<string | undefined> {
    const text = await this.repo.read(path);
    if (text === undefined || !fileProblem(kindOf(path), text)) return text;
    const r = await this.repair(path, () => words);
    return r.state === 'sound' || r.state === 'restored' ? r.text : undefined;
  }

  /**
   * `extra(damaged, movedTo)`: files to commit with a quarantine (`movedTo` is where the damaged
   * copy went: a workspace path under quarantine/, or an absolute path when it stayed on this disk).
   */
  async repair(
    path: string,
    words: (damaged: string) => DamageWords,
    extra?: (damaged: string, movedTo: string) => FileWrite[],
  ): Promise<Repair> {
    const kind = kindOf(path);
    const abs = this.repo.folder.abs(path);
    let report: NewDamage | undefined;
    const result = await this.repo.exclusive(async (commit): Promise<Repair> => {
      const text = await this.repo.read(path);
      if (text === undefined) return { state: 'gone' };
      const reason = fileProblem(kind, text);
      if (!reason) return { state: 'sound', text };
      const stamp = this.now().toISOString().replace(/[:.]/g, '-');
      const w = words(text);
      // Objects that cannot be read count as no intact copy (the folder's is all there is).
      const head = await this.repo.committed(path).catch(() => undefined);
      const keepLocally = async () => {
        const movedTo = `${abs}.corrupt-${stamp}`;
        await writeFileAtomic(movedTo, text);
        return movedTo;
      };
      if (head && head.text !== text && !fileProblem(kind, head.text)) {
        // Copy first, then replace atomically: a stop in between leaves the damage to be found again.
        const movedTo = `${abs}.corrupt-${stamp}`;
        await this.repo.restoreInFolder(path, head.text, movedTo, text);
        report = {
          ...w,
          file: abs,
          movedTo,
          reason,
          lost: 'nothing: the copy in the team workspace repository was intact',
          kept: `the last committed copy (commit ${head.commit.slice(0, 7)}) is back in place`,
        };
        return { state: 'restored', text: head.text };
      }
      const aside = `quarantine/${stamp}/${path}`;
      const writes = (movedTo: string): FileWrite[] => {
        const files = new Map<string, string | null>([[path, null]]);
        for (const f of extra?.(text, movedTo) ?? []) files.set(f.path, f.text);
        return [...files].map(([p, t]) => ({ path: p, text: t }));
      };
      const message = `Quarantine ${path}: it ${reason}`;
      // The folder's own copy differs from the (also damaged) committed one: keep it here too.
      let movedTo = head && head.text !== text ? await keepLocally() : this.repo.folder.abs(aside);
      try {
        await commit(
          [{ path: aside, text: head?.text ?? text }, ...writes(aside)],
          `${message}\n\nMoved to ${aside}.`,
        );
      } catch {
        // The damaged text cannot be committed (say, it holds a token): kept on this disk only.
        if (movedTo === this.repo.folder.abs(aside)) movedTo = await keepLocally();
        await commit(writes(movedTo), `${message}\n\nKept on the laptop that found it.`);
      }
      report = { ...w, file: abs, movedTo, reason };
      return { state: 'quarantined' };
    });
    if (report) this.damage(report);
    return result;
  }

  /** Files a merge kept out of the tree (the remote's copy did not parse): on screen too. */
  reportMerged(q: Quarantined): void {
    this.damage({
      store: storeOf(q.path),
      file: this.repo.folder.abs(q.path),
      movedTo: this.repo.folder.abs(q.movedTo),
      reason: q.reason,
      lost: q.keptOurs
        ? `the copy of ${q.path} the git server sent; this laptop kept its own copy`
        : `${q.path} as the git server sent it; this laptop has no other copy`,
    });
  }
}
