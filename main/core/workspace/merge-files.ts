import type { JournalEntry } from '../../../shared/domain/workflow/entries';
import {
  DamagedFile,
  DraftFile,
  LockFile,
  parseJournal,
  readJson,
  RunbookFile,
  type LockHolder,
} from './files';
import type { FileKind } from './layout';
import { mergeRunbook } from './runbook-merge';

export interface FileMerge {
  text: string | null;
  /** Something both operators must see (a runbook conflict, a contested lock). */
  notice?: string;
  /** The remote's version could not be merged and is kept aside under quarantine/. */
  keepTheirsAside?: boolean;
}

const holderOf = (l: LockFile): LockHolder => ({
  changeId: l.changeId,
  target: l.target,
  operator: l.operator,
  since: l.since,
});

/**
 * Both sides changed the lock. The remote's lock was published first, so it stands (the push
 * race is the compare-and-swap); a different change taken here meanwhile (offline, "team lock
 * not confirmed") is recorded as contested in the file, so both operators see it.
 */
function mergeLock(base: string | null, ours: string | null, theirs: string | null): FileMerge {
  const b = base ? readJson(LockFile, base) : undefined;
  const o = ours ? readJson(LockFile, ours) : undefined;
  const t = theirs ? readJson(LockFile, theirs) : undefined;
  // A release (delete) wins only over a heartbeat of the same lock.
  if (!o) return { text: t && t.changeId !== b?.changeId ? theirs : null };
  if (!t) return { text: o.changeId !== b?.changeId ? ours : null };
  if (o.changeId === t.changeId) return { text: o.heartbeat > t.heartbeat ? ours : theirs };
  const contested = [...t.contested];
  if (!contested.some((c) => c.changeId === o.changeId)) contested.push(holderOf(o));
  const merged: LockFile = { ...t, contested: contested.slice(-20) };
  return {
    text: JSON.stringify(merged, null, 2) + '\n',
    notice: `${o.operator.name} opened change ${o.changeId} on this site while ${t.operator.name} held the team lock (since ${t.since}); the lock stays with ${t.operator.name}.`,
  };
}

const lineKey = (e: JournalEntry) => `${e.at}|${e.type}|${e.seq}`;

/** One writer per journal: one side is normally a prefix of the other. If not, keep every line. */
function mergeJournal(ours: string, theirs: string): FileMerge {
  const o = parseJournal(ours).entries;
  const t = parseJournal(theirs).entries;
  const isPrefix = (a: JournalEntry[], b: JournalEntry[]) =>
    a.length <= b.length && a.every((e, i) => lineKey(e) === lineKey(b[i]!));
  if (isPrefix(o, t)) return { text: theirs };
  if (isPrefix(t, o)) return { text: ours };
  const seen = new Set<string>();
  const all = [...o, ...t].filter((e) => {
    const k = JSON.stringify(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  all.sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq);
  const text = all.map((e, i) => JSON.stringify({ ...e, seq: i + 1 })).join('\n') + '\n';
  return {
    text,
    notice: 'A change journal was written from two laptops; both sets of lines were kept.',
  };
}

/**
 * The merge of one file both sides changed since their common base (base/ours/theirs: text or
 * null when absent). Immutable files cannot differ (ULID names); if one does, ours stays and
 * theirs is kept aside. Nothing is ever dropped.
 */
export function mergeFile(
  kind: FileKind,
  base: string | null,
  ours: string | null,
  theirs: string | null,
): FileMerge {
  if (kind === 'lock') return mergeLock(base, ours, theirs);
  // Deleted on one side, changed on the other: the change wins (nothing is lost).
  if (ours === null) return { text: theirs };
  if (theirs === null) return { text: ours };
  switch (kind) {
    case 'runbook': {
      const o = readJson(RunbookFile, ours);
      const t = readJson(RunbookFile, theirs);
      if (!o || !t) return { text: o ? ours : theirs };
      const b = base ? readJson(RunbookFile, base) : undefined;
      const { merged, conflicts } = mergeRunbook(b, o, t);
      return {
        text: JSON.stringify(merged, null, 2) + '\n',
        ...(conflicts.length
          ? {
              notice: `Runbook conflict on ${conflicts.map((c) => c.field).join(', ')}: both values are kept until an operator chooses.`,
            }
          : {}),
      };
    }
    case 'journal':
      return mergeJournal(ours, theirs);
    case 'draft': {
      const o = readJson(DraftFile, ours);
      const t = readJson(DraftFile, theirs);
      return { text: (t?.draft.savedAt ?? '') > (o?.draft.savedAt ?? '') ? theirs : ours };
    }
    case 'tally':
      return { text: ours };
    case 'damaged':
      // Found damaged on two laptops: the one an operator already resolved stands.
      return { text: readJson(DamagedFile, ours)?.resolved ? ours : theirs };
    case 'version':
    case 'mark':
      return { text: ours, keepTheirsAside: true };
    default:
      // Generated or descriptive files (README, workspace, environment, site): the published one.
      return { text: theirs };
  }
}
