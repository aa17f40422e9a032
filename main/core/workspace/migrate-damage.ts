import { join } from 'node:path';
import { z } from 'zod';
import { DamagedChange } from '../../../shared/bridge/calls/changes-damaged';
import { JournalEntry } from '../../../shared/domain/workflow/entries';
import type { DamagedStore } from '../../../shared/bridge/calls/damage';
import { readTextIfExists } from '../../base/atomic-file';
import { journalVerdict, readableSummary } from '../changes/journal-verdict';
import type { DamageSink } from '../damage/register';
import { parseJournal, readJson, type DamagedFile } from './files';
import { damagedPath, type SiteRef } from './layout';
import type { FileWrite } from './repository';

/** Where a damaged change whose site is unknown is recorded: it holds every site's lock. */
export const UNKNOWN_SITE: SiteRef = { env: '_unknown', siteId: '_unknown' };

/** The record a data folder written before the workspace kept beside a damaged journal. */
const LegacyMarker = DamagedChange.extend({ schemaVersion: z.literal(1) });

export interface LegacyJournal {
  /** The lines to import: the readable ones (an unreadable line of a sound journal is an append a crash cut short, never acknowledged). */
  text?: string;
  /** A damaged change: its record (and the journal kept under quarantine/), holding its lock. */
  damaged?: FileWrite[];
  started?: Extract<JournalEntry, { type: 'started' }>;
}

/**
 * How the import reads an old journal. A journal the old version had marked damaged, or one
 * that does not read back whole now, becomes a damaged change in the workspace (its lock held
 * until an operator abandons it), never a change that silently disappears.
 */
export async function readLegacyJournal(
  chRoot: string,
  id: string,
  siteOf: (connectionId: string, siteId: string) => SiteRef,
  now: Date,
): Promise<LegacyJournal> {
  const path = join(chRoot, `${id}.jsonl`);
  const text = await readTextIfExists(path);
  const marker = readJson(
    LegacyMarker,
    (await readTextIfExists(join(chRoot, `${id}.damaged.json`))) ?? '',
  );
  const read = parseJournal(text ?? '');
  const verdict = journalVerdict(read);
  const started = read.entries.find((e) => e.type === 'started');
  if (!marker && text !== undefined && verdict.kind === 'sound') {
    const lines = text.split('\n').filter((l) => JournalEntry.safeParse(parse(l)).success);
    return {
      text: lines.join('\n') + '\n',
      ...(started?.type === 'started' ? { started } : {}),
    };
  }
  if (!marker && text === undefined) return {};
  const summary = readableSummary(id, read);
  const connectionId = marker?.connectionId ?? summary.site.connectionId;
  const siteId = marker?.siteId ?? summary.site.siteId;
  const site = connectionId && siteId ? siteOf(connectionId, siteId) : UNKNOWN_SITE;
  const aside = `quarantine/migration/changes/${id}.jsonl`;
  const { connectionId: _c1, ...known } = summary.site;
  const { schemaVersion: _v, connectionId: _c2, ...kept } = marker ?? { schemaVersion: 1 };
  const record: DamagedFile = {
    changeId: id,
    detectedAt: now.toISOString(),
    journal: path,
    reason: verdict.kind === 'damaged' ? verdict.reason : 'was marked damaged before the import',
    ...known,
    readable: summary.readable,
    ...kept,
    schemaVersion: 1,
    movedTo: text !== undefined ? aside : (marker?.movedTo ?? 'unknown'),
  };
  return {
    damaged: [
      ...(text !== undefined ? [{ path: aside, text }] : []),
      { path: damagedPath(site, id), text: JSON.stringify(record, null, 2) + '\n' },
    ],
  };
}

function parse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** A file of the old data folder that could not be imported: left where it is, and said so. */
export function notImported(
  damage: DamageSink,
  store: DamagedStore,
  file: string,
  reason: string,
  what: string,
  changeId?: string,
): void {
  damage({
    store,
    file,
    reason,
    lost: `${what}: not imported into the team workspace (the file is left where it is)`,
    ...(changeId ? { changeId } : {}),
  });
}
