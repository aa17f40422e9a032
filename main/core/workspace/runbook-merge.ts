import { isDeepStrictEqual } from 'node:util';
import { RUNBOOK_FIELDS, type RunbookConflict, type RunbookFile } from './files';

const who = (f: RunbookFile, field: string) =>
  f.fieldBy[field] ?? { by: f.updatedBy, at: f.updatedAt };

/** Conflicts kept by either side, minus those one side resolved since the base (chosen = gone). */
function carriedConflicts(
  base: RunbookFile | undefined,
  ours: RunbookFile,
  theirs: RunbookFile,
): Map<string, RunbookConflict> {
  const inBase = new Set(base?.conflicts.map((c) => c.field) ?? []);
  const out = new Map<string, RunbookConflict>();
  for (const side of [ours, theirs]) {
    const other = side === ours ? theirs : ours;
    for (const c of side.conflicts) {
      const resolvedByOther =
        inBase.has(c.field) && !other.conflicts.some((x) => x.field === c.field);
      if (!resolvedByOther) out.set(c.field, c);
    }
  }
  return out;
}

/**
 * A runbook edited on two laptops merges field by field against the common base. A field both
 * changed to different values is a true conflict: the remote's value stays current (it was
 * published first) and both values are recorded in `conflicts`, shown to every operator until one
 * of them chooses; nothing is lost (the other value also stays in the history).
 */
export function mergeRunbook(
  base: RunbookFile | undefined,
  ours: RunbookFile,
  theirs: RunbookFile,
): { merged: RunbookFile; conflicts: RunbookConflict[] } {
  const merged: RunbookFile = structuredClone(theirs);
  const conflicts = carriedConflicts(base, ours, theirs);
  const fresh: RunbookConflict[] = [];
  for (const field of RUNBOOK_FIELDS) {
    const b = base?.runbook[field];
    const o = ours.runbook[field];
    const t = theirs.runbook[field];
    if (isDeepStrictEqual(o, t)) continue;
    if (base && isDeepStrictEqual(t, b)) {
      (merged.runbook as Record<string, unknown>)[field] = o;
      merged.fieldBy[field] = who(ours, field);
      continue;
    }
    if (base && isDeepStrictEqual(o, b)) continue;
    const c: RunbookConflict = {
      field,
      values: [
        { value: t, ...who(theirs, field) },
        { value: o, ...who(ours, field) },
      ],
    };
    conflicts.set(field, c);
    fresh.push(c);
  }
  merged.conflicts = [...conflicts.values()];
  const oursLater = ours.updatedAt > theirs.updatedAt;
  merged.updatedAt = oursLater ? ours.updatedAt : theirs.updatedAt;
  merged.updatedBy = oursLater ? ours.updatedBy : theirs.updatedBy;
  return { merged, conflicts: fresh };
}
