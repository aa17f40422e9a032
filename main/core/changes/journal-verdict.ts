import type { DamagedChange } from '../../../shared/bridge/calls/changes-damaged';
import { foldChange } from '../../../shared/domain/workflow/fold';
import type { JournalRead } from './journal-file';

export type { JournalRead };

export type JournalVerdict = { kind: 'sound' } | { kind: 'damaged'; reason: string };

/**
 * Whether a journal read back whole. Entries are numbered 1, 2, 3… and an append counts only once
 * it is fsynced, so an unreadable line with the numbering unbroken around it is an append a crash
 * cut short (never acknowledged; nothing lost). A journal is created whole with its first entry,
 * so an empty one, a missing first line or a gap in the numbering means acknowledged entries are
 * gone: the journal is damaged.
 */
export function journalVerdict(read: JournalRead): JournalVerdict {
  const { entries } = read;
  const first = entries[0];
  if (!first)
    return { kind: 'damaged', reason: read.lines === 0 ? 'is empty' : 'has no readable entry' };
  if (first.type !== 'started' || first.seq !== 1)
    return {
      kind: 'damaged',
      reason: 'lost its first line (the "started" entry that names the change and its site)',
    };
  for (let i = 1; i < entries.length; i++) {
    if (entries[i]!.seq !== i + 1)
      return {
        kind: 'damaged',
        reason: `is missing entry ${i + 1} (the numbering jumps from ${entries[i - 1]!.seq} to ${entries[i]!.seq})`,
      };
  }
  try {
    foldChange(entries);
  } catch (error) {
    return {
      kind: 'damaged',
      reason: `cannot be replayed (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  return { kind: 'sound' };
}

/** What could be read of a damaged journal: its site (if the `started` line survived) and its progress. */
export function readableSummary(
  id: string,
  read: JournalRead,
): { site: Partial<DamagedChange>; readable: DamagedChange['readable'] } {
  const started = read.entries.find((e) => e.type === 'started' && e.changeId === id);
  let step: DamagedChange['readable']['step'];
  if (started) {
    try {
      step = foldChange(read.entries.slice(read.entries.indexOf(started))).step;
    } catch {
      step = undefined;
    }
  }
  const lastAt = read.entries.at(-1)?.at;
  return {
    site:
      started?.type === 'started'
        ? {
            connectionId: started.connectionId,
            siteId: started.siteId,
            target: started.target,
            operator: started.operator,
            startedAt: started.at,
            ...(started.title ? { title: started.title } : {}),
          }
        : {},
    readable: {
      lines: read.lines,
      entries: read.entries.length,
      ...(lastAt ? { lastAt } : {}),
      ...(step ? { step } : {}),
    },
  };
}
