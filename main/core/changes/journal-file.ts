import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { JournalEntry } from '../../../shared/domain/workflow/entries';
import { readTextIfExists, writeFileAtomic } from '../../base/atomic-file';

export interface JournalRead<E = JournalEntry> {
  entries: E[];
  /** Lines that could not be used; reported to the operator, never dropped silently or rewritten. */
  problems: string[];
  /** Non-empty lines in the file, readable or not. */
  lines: number;
}

/** The `.jsonl` journals of a folder (none when the folder does not exist yet). */
export async function journalFiles(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((n) => n.endsWith('.jsonl'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export function readJournal(path: string): Promise<JournalRead> {
  return readJsonLines(path, JournalEntry);
}

export function appendJournal(path: string, entry: JournalEntry): Promise<void> {
  return appendJsonLine(path, entry);
}

/**
 * A journal (a change's, a rollout's): JSON lines, appended and fsynced one entry at a time, never
 * rewritten. A crash mid-append leaves at most a torn last line, which the reader reports and skips; a torn line is
 * then followed by a fresh line (the appender starts on a new line), so later entries stay readable.
 */
export async function readJsonLines<S extends z.ZodType>(
  path: string,
  schema: S,
): Promise<JournalRead<z.output<S>>> {
  const text = await readTextIfExists(path);
  if (text === undefined) return { entries: [], problems: [], lines: 0 };
  const entries: z.output<S>[] = [];
  const problems: string[] = [];
  let lines = 0;
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    lines++;
    try {
      const parsed = schema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
      else problems.push(`line ${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid entry'}`);
    } catch {
      problems.push(`line ${i + 1}: not valid JSON (a write was interrupted?)`);
    }
  });
  return { entries, problems, lines };
}

/** Appends one JSON line, fsynced (any append-only journal: changes, rollouts). */
export async function appendJsonLine(path: string, entry: { seq: number }): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  // A new journal appears whole (temp file + rename): a kill can never leave an empty one, so an
  // empty or headless journal is always damage, never an interrupted start.
  if (entry.seq === 1 && (await readTextIfExists(path)) === undefined)
    return writeFileAtomic(path, `${JSON.stringify(entry)}\n`);
  const handle = await fs.open(path, 'a+', 0o600);
  try {
    // If the previous append was torn (no final newline), start a new line rather than glue onto it.
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await handle.appendFile(`${prefix}${JSON.stringify(entry)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
