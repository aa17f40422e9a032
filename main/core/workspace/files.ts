import { z } from 'zod';
import { ChangeDraft } from '../../../shared/bridge/calls/changes';
import { DamagedChange } from '../../../shared/bridge/calls/changes-damaged';
import {
  ChangeId,
  Label,
  Sha256,
  SnapshotBody,
  SnapshotSource,
  SnapshotTarget,
} from '../../../shared/bridge/calls/snapshots-types';
import { SiteId } from '../../../shared/bridge/ids';
import { Anomaly, EventCounts, StatusCounts } from '../../../shared/domain/anomaly/schema';
import { JournalEntry } from '../../../shared/domain/workflow/entries';
import {
  RUNBOOK_FIELD_NAMES,
  RunbookConflict,
  RunbookFields,
} from '../../../shared/domain/workflow/runbook';
import { journalVerdict } from '../changes/journal-verdict';
import type { FileKind } from './layout';

/** Every file of the workspace is validated with these schemas when read from disk or a remote. */
export const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a ULID (26 characters)');
export const Author = z.object({ name: z.string().min(1).max(120), email: z.string().max(200) });
export type Author = z.infer<typeof Author>;

export const WORKSPACE_SCHEMA_VERSION = 1;
export const WorkspaceFile = z.object({
  schemaVersion: z.literal(WORKSPACE_SCHEMA_VERSION),
  name: z.string().max(120),
  createdAt: z.iso.datetime(),
});

export const EnvironmentFile = z.object({
  schemaVersion: z.literal(1),
  label: z.string().max(200),
  apiOrigin: z.string().max(2048),
});

export const SiteFile = z.object({ schemaVersion: z.literal(1), label: z.string().max(200) });

export const VersionFile = z.object({
  schemaVersion: z.literal(1),
  id: Ulid,
  siteId: SiteId,
  target: SnapshotTarget,
  sha256: Sha256,
  source: SnapshotSource,
  label: Label.optional(),
  changeId: ChangeId.optional(),
  author: Author,
  takenAt: z.iso.datetime(),
  body: SnapshotBody,
});
export type VersionFile = z.infer<typeof VersionFile>;

export const MarkFile = z.object({
  schemaVersion: z.literal(1),
  id: Ulid,
  versionId: Ulid,
  knownGood: z.boolean(),
  note: z.string().max(500).optional(),
  author: Author,
  at: z.iso.datetime(),
});
export type MarkFile = z.infer<typeof MarkFile>;

export const RUNBOOK_FIELDS = RUNBOOK_FIELD_NAMES;
export type RunbookField = (typeof RUNBOOK_FIELDS)[number];
export { RunbookConflict };

export const RunbookFile = z.object({
  schemaVersion: z.literal(1),
  runbook: RunbookFields,
  /** Who last set each field and when: the field-by-field merge needs it to name both sides. */
  fieldBy: z.record(z.string(), z.object({ by: z.string(), at: z.string() })).default({}),
  updatedAt: z.string(),
  updatedBy: z.string(),
  conflicts: z.array(RunbookConflict).default([]),
});
export type RunbookFile = z.infer<typeof RunbookFile>;

export const LockHolder = z.object({
  changeId: ChangeId,
  target: SnapshotTarget,
  operator: Author,
  since: z.iso.datetime(),
});
export type LockHolder = z.infer<typeof LockHolder>;

export const LockFile = LockHolder.extend({
  schemaVersion: z.literal(1),
  /** The app install (data folder) that holds it: only that one refreshes or releases it. */
  laptop: z.string().max(64),
  heartbeat: z.iso.datetime(),
  /** Changes opened on this site while their laptop could not confirm the lock (found on merge). */
  contested: z.array(LockHolder).max(20).default([]),
});
export type LockFile = z.infer<typeof LockFile>;

export const DraftFile = z.object({ schemaVersion: z.literal(1), draft: ChangeDraft });

/** The monitor's running tally, saved after every poll so a restart continues rather than restarts. */
export const TallyFile = z.object({
  schemaVersion: z.literal(1),
  cursor: z.number().int(),
  counts: StatusCounts,
  events: EventCounts,
  notified: z.array(z.string()),
  anomalies: z.array(Anomaly),
  lastError: z.string().optional(),
  /** Polls that reached the logs: a window the API was down for all along was not monitored. */
  okPolls: z.number().int().default(0),
  /** When the logs were last read: a gap starts there, since nothing is known after it. */
  lastOkAt: z.string().optional(),
  /** The gap in progress: since when the logs could not be read, and why (journaled on close). */
  gap: z.object({ from: z.string(), reason: z.string() }).optional(),
  /**
   * Counts per minute (by log time) of the last RECENT_MINUTES: a rise in the middle of a long
   * window shows here at full strength instead of being averaged away by the hours before it.
   */
  recent: z
    .array(z.object({ minute: z.number().int(), counts: StatusCounts, events: EventCounts }))
    .default([]),
  /** The newest delivery seen (a `sent` entry): silence is measured from it. */
  lastSentAt: z.string().optional(),
});
export type TallyFile = z.infer<typeof TallyFile>;

/**
 * `<changeId>.damaged.json` beside a journal that could not be read back: the record that keeps
 * the change's lock until an operator abandons it. Paths are workspace paths (the same on every
 * laptop); the site is the folder it is in.
 */
export const DamagedFile = DamagedChange.omit({ connectionId: true }).extend({
  schemaVersion: z.literal(1),
});
export type DamagedFile = z.infer<typeof DamagedFile>;

const JSON_SCHEMAS: Partial<Record<FileKind, z.ZodType>> = {
  workspace: WorkspaceFile,
  environment: EnvironmentFile,
  site: SiteFile,
  version: VersionFile,
  mark: MarkFile,
  runbook: RunbookFile,
  lock: LockFile,
  draft: DraftFile,
  tally: TallyFile,
  damaged: DamagedFile,
};

/** Parses a journal: JSON lines of entries (`lines`: the non-empty ones, readable or not). */
export function parseJournal(text: string): {
  entries: JournalEntry[];
  bad: string[];
  lines: number;
} {
  const entries: JournalEntry[] = [];
  const bad: string[] = [];
  let lines = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    lines++;
    try {
      const p = JournalEntry.safeParse(JSON.parse(line));
      if (p.success) entries.push(p.data);
      else bad.push(`line ${i + 1}: ${p.error.issues[0]?.message ?? 'invalid entry'}`);
    } catch {
      bad.push(`line ${i + 1}: not valid JSON`);
    }
  });
  return { entries, bad, lines };
}

/**
 * Why a journal cannot be used as it is. Lines are written whole (the file is replaced, never
 * appended in place), so an unreadable line is damage, not an interrupted append; so are a lost
 * first line and a gap in the numbering (journal-verdict.ts).
 */
export function journalProblem(text: string): string | undefined {
  return problemOfJournal(parseJournal(text));
}

/** journalProblem of a journal already parsed (start-up reads each journal once). */
export function problemOfJournal(r: ReturnType<typeof parseJournal>): string | undefined {
  const v = journalVerdict(r);
  if (v.kind === 'damaged') return v.reason;
  return r.bad.length ? `has an unreadable ${r.bad[0]}` : undefined;
}

/**
 * Why a file cannot be used, or undefined when it parses: the check a file from a remote passes
 * before it may enter the working tree (a failure is quarantined, never applied half-read).
 */
export function fileProblem(kind: FileKind, text: string): string | undefined {
  if (kind === 'journal') return journalProblem(text);
  const schema = JSON_SCHEMAS[kind];
  if (!schema) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return text.trim() === '' ? 'is empty' : 'is not valid JSON (truncated or corrupted)';
  }
  const p = schema.safeParse(raw);
  if (p.success) return undefined;
  const issue = p.error.issues[0];
  return `does not match the ${kind} format (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'})`;
}

export function readJson<T>(schema: z.ZodType<T>, text: string): T | undefined {
  try {
    const p = schema.safeParse(JSON.parse(text));
    return p.success ? p.data : undefined;
  } catch {
    return undefined;
  }
}
